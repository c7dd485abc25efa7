import fs from 'node:fs';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { signInAsAdmin } from '../../support/admin';
import { ADMIN_URL, ARTIFACTS, DESKTOP } from '../../support/env';

/** Rows of the metrics page's data table as { column: text }. */
async function tableRows(page: Page) {
  const table = page.getByRole('table', { name: 'Metric series' });
  await expect(table).toBeVisible();
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
  const rows = await table.getByRole('row').all();
  const out: Record<string, string>[] = [];
  for (const row of rows.slice(1)) {
    const cells = await row.getByRole('cell').allInnerTexts();
    if (cells.length === headers.length) out.push(Object.fromEntries(headers.map((h, i) => [h, cells[i]!.trim()])));
  }
  return out;
}

const num = (s: string | undefined) => Number((s ?? '').replace(/[^\d.]/g, ''));

test.describe('metrics page', () => {
  test('charts CTR and Recall@10 from the simulated traffic, per version, category and hour, with CSV export', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signInAsAdmin(page);
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Metrics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Metrics' })).toBeVisible();

    const totals = await tableRows(page);
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.reduce((s, r) => s + num(r.Impressions), 0)).toBeGreaterThan(0);
    expect(totals.some((r) => num(r.Clicks) > 0)).toBe(true);
    expect(totals.some((r) => r['Recall@10'] !== '–')).toBe(true);
    for (const name of ['Click-through rate per day', 'Recall at 10 per day', 'Impressions per day', 'Clicks per day']) {
      const chart = page.getByRole('img', { name });
      await expect(chart).toBeVisible();
      await expect(chart.locator('path.recharts-line-curve').first()).toBeAttached();
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-metrics-desktop.png'), fullPage: true });

    await page.getByLabel('Break down by').selectOption('modelVersion');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/by=modelVersion/);
    const versions = new Set((await tableRows(page)).map((r) => r.Series));
    expect(versions.size).toBeGreaterThan(0);
    expect(versions.has('All')).toBe(false);
    // One line per version (a legend names them once there are two or more).
    const curves = page.getByRole('img', { name: 'Click-through rate per day' }).locator('path.recharts-line-curve');
    await expect(curves).toHaveCount(Math.min(versions.size, 8));
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-metrics-by-version.png'), fullPage: true });

    await page.getByLabel('Break down by').selectOption('category');
    await page.getByLabel('Buckets').selectOption('hour');
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From', { exact: true }).fill(yesterday);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/granularity=hour/);
    await expect(page.getByRole('img', { name: 'Click-through rate per hour' })).toBeVisible();
    const hourly = await tableRows(page);
    expect(hourly.length).toBeGreaterThan(0);
    expect(hourly.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(r.Period ?? ''))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const file = await download.path();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('period,category,impressions,clicks,ctr,recall_at_10,clicked_articles,readers');
    expect(lines.length - 1).toBe(hourly.length);
  });

  test('a too-long hourly range is explained, not a crash', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto(`${ADMIN_URL}/metrics?from=2026-01-01&to=2026-03-01&granularity=hour`);
    await expect(page.getByRole('alert').filter({ hasText: 'at most 7 days' })).toBeVisible();
  });
});
