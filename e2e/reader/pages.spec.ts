import { expect, type Page, test } from '@playwright/test';

import { capture, expectNoSeriousA11yViolations, VIEWPORTS } from '../support/a11y';
import { stories } from '../support/reader';
import { markRead } from '../support/reader-library';
import { storyIds } from '../support/reader-flows';

/** Every page of the reader, each with something on it: a reader who read, saved and muted a story first. */
const PAGES: [name: string, path: string | ((ids: string[]) => string)][] = [
  ['feed', '/'],
  ['section', '/?category=POLITICS'],
  ['article', (ids) => `/article/${encodeURIComponent(ids[0]!)}`],
  ['search', '/search?q=climate%20change'],
  ['search-empty', '/search?q=zzqxjvwk'],
  ['saved', '/saved'],
  ['history', '/history'],
  ['not-interested', '/not-interested'],
  ['settings', '/settings'],
  ['welcome', '/welcome'],
  ['signin', '/signin'],
  ['signup', '/signup'],
  ['not-found', '/no/such/page'],
];

async function prepareReader(page: Page): Promise<string[]> {
  await page.goto('/');
  const ids = await storyIds(page);
  await markRead(page, ids.slice(0, 3));
  await page.goto(`/article/${encodeURIComponent(ids[1]!)}`);
  const save = page.getByRole('button', { name: 'Save', exact: true });
  // As a reader would on "Could not save that. Try again." (a busy SQLite file can time a write out).
  await expect(async () => {
    if ((await save.getAttribute('aria-pressed')) !== 'true') await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true', { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await page.goto('/');
  await stories(page).nth(5).getByRole('button', { name: /^Not interested/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Hidden:' })).toBeVisible();
  return ids;
}

test.describe('reader pages: screenshots and accessibility', () => {
  for (const [viewportName, viewport] of VIEWPORTS) {
    test(`every page, ${viewportName}: screenshot in e2e/artifacts, no serious or critical axe violation`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize(viewport);
      const ids = await prepareReader(page);
      for (const [name, path] of PAGES) {
        await page.goto(typeof path === 'string' ? path : path(ids));
        await expect(page.getByRole('heading', { level: 1 })).toBeAttached();
        await capture(page, `reader-page-${name}-${viewportName}`);
        await expectNoSeriousA11yViolations(page, `${name} (${viewportName})`);
      }
      // The dark scheme has its own colours: check its contrast too.
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const [name, path] of [['feed', '/'], ['article', `/article/${encodeURIComponent(ids[0]!)}`]] as const) {
        await page.goto(path);
        await capture(page, `reader-page-${name}-dark-${viewportName}`);
        await expectNoSeriousA11yViolations(page, `${name}, dark (${viewportName})`);
      }
    });
  }
});
