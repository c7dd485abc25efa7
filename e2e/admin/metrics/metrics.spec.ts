import path from 'node:path';

import { expect, test } from '@playwright/test';

import { readDailyMetric, signInAsAdmin } from '../../support/admin';
import { ARTIFACTS, DESKTOP, PHONE, READER_URL, today } from '../../support/env';
import { clickStory, stories } from '../../support/reader';

test.describe('admin overview', () => {
  test('an admin sees a reader click counted in today’s metrics', async ({ page, browser }) => {
    await signInAsAdmin(page);
    const day = today();
    const before = await readDailyMetric(page, day, 'Clicks');

    const readerContext = await browser.newContext({ baseURL: READER_URL });
    const reader = await readerContext.newPage();
    await reader.goto('/');
    await expect(stories(reader).first()).toBeVisible();
    await clickStory(reader, 0);
    await readerContext.close();

    // The worker re-aggregates every LEDE_METRICS_INTERVAL_S (2 s in e2e).
    await expect
      .poll(
        async () => {
          await page.reload();
          return readDailyMetric(page, day, 'Clicks');
        },
        { timeout: 20_000, intervals: [1_000] },
      )
      .toBeGreaterThan(before);
    expect(await readDailyMetric(page, day, 'Impressions')).toBeGreaterThan(0);
  });

  test('the articles list searches and pages', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Articles' }).click();
    const table = page.getByRole('table', { name: 'Articles' });
    await expect(table).toBeVisible();
    // The title is the row's link (its first cell holds the bulk-selection checkbox).
    const firstTitle = (await table.getByRole('row').nth(1).getByRole('link').first().innerText()).trim();

    await page.getByRole('link', { name: /Next page/ }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(table.getByRole('row').nth(1)).not.toContainText(firstTitle);

    const word = firstTitle.split(/\s+/).find((w) => w.length > 4) ?? firstTitle;
    await page.getByRole('searchbox').fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word).replace(/%20/g, '\\+')}`));
    await expect(table.getByRole('row').nth(1)).toContainText(word, { ignoreCase: true });
  });

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`overview screenshot (${name})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await signInAsAdmin(page);
      await expect(page.getByRole('img', { name: 'Click-through rate per day' })).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `admin-overview-${name}.png`), fullPage: true });
    });
  }
});
