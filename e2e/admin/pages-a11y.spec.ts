import { expect, test } from '@playwright/test';

import { signInAsAdmin } from '../support/admin';
import { capture, expectNoSeriousA11yViolations, VIEWPORTS } from '../support/a11y';
import { ADMIN_URL } from '../support/env';
import { busiestSimReader, ensureCandidateVersion } from '../support/staff';
import { withE2eDb } from '../support/reader-db';

/** Every admin page, by screenshot name; ids are looked up once the data exists. */
async function listPages(): Promise<[string, string][]> {
  const externalId = await busiestSimReader();
  const ids = await withE2eDb(async (db) => ({
    reader: (await db.user.findUniqueOrThrow({ where: { externalId } })).id,
    article: (await db.article.findFirstOrThrow({ orderBy: { publishedAt: 'desc' } })).id,
    run: (await db.trainingRun.findFirst({ orderBy: { createdAt: 'desc' } }))?.id ?? null,
  }));
  return [
    ['overview', '/'],
    ['metrics', '/metrics'],
    ['metrics-ab', '/metrics?by=modelVersion'],
    ['models', '/models'],
    ['training', '/training'],
    ...(ids.run ? ([['training-run', `/training/${ids.run}`]] as [string, string][]) : []),
    ['readers', '/readers'],
    ['reader', `/readers/${encodeURIComponent(ids.reader)}`],
    ['articles', '/articles'],
    ['article', `/articles/${encodeURIComponent(ids.article)}`],
    ['articles-import', '/articles/import'],
    ['articles-imports', '/articles/imports'],
    ['audit', '/audit'],
  ];
}

test.describe('every admin page: screenshots and axe-core', () => {
  test.beforeAll(ensureCandidateVersion);

  for (const [viewport, size] of VIEWPORTS) {
    test(`${viewport}: no serious or critical axe violation, and a screenshot of each page`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize(size);
      await page.goto(`${ADMIN_URL}/signin`);
      await capture(page, `admin-signin-${viewport}`);
      await expectNoSeriousA11yViolations(page, `admin /signin (${viewport})`);
      await signInAsAdmin(page);
      for (const [name, path] of await listPages()) {
        await page.goto(`${ADMIN_URL}${path}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await capture(page, `admin-${name}-${viewport}`);
        await expectNoSeriousA11yViolations(page, `admin ${path} (${viewport})`);
      }
    });
  }
});
