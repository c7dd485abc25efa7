import { expect, test } from '@playwright/test';

import { ADMIN_URL, today } from '../../support/env';
import { signInAsEditor } from '../../support/staff';

test.describe('audit log', () => {
  test('filters by who, what and when, and links each target', async ({ page }) => {
    await signInAsEditor(page);
    // Make sure the editor has one recorded action: hide and unhide the newest published article (other specs
    // may leave the newest of all hidden).
    await page.goto(`${ADMIN_URL}/articles?status=PUBLISHED`);
    await page.getByRole('table', { name: 'Articles' }).getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await page.getByRole('button', { name: 'Unhide' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

    await page.goto(`${ADMIN_URL}/audit`);
    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Who (email contains)').fill('editor@e2e');
    await filters.getByLabel('What').selectOption({ label: 'Editorial' });
    await filters.getByLabel('From', { exact: true }).fill(today());
    await filters.getByLabel('To', { exact: true }).fill(today());
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/actor=editor%40e2e/);
    const log = page.getByRole('table', { name: 'Audit log' });
    const rows = log.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    for (const text of await rows.locator('td:nth-child(2)').allInnerTexts()) expect(text).toBe('editor@e2e.lede.local');
    // Readable details, and the target links to the article.
    await expect(log.getByRole('row').filter({ hasText: 'article.unhide' }).first()).toContainText('status: HIDDEN → PUBLISHED');
    const target = log.getByRole('row').filter({ hasText: 'article.unhide' }).first().getByRole('link', { name: /^article / });
    await target.click();
    await expect(page).toHaveURL(/\/articles\/[^/]+$/);

    // A day before anything was recorded shows nothing.
    await page.goto(`${ADMIN_URL}/audit?from=2000-01-01&to=2000-01-02`);
    await expect(page.getByText('Nothing recorded for these filters.')).toBeVisible();
  });

  test('model actions link to their versions', async ({ page }) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/audit?action=model.`);
    const link = page.getByRole('table', { name: 'Audit log' }).getByRole('link', { name: /^version / }).first();
    if ((await link.count()) === 0) test.skip(true, 'no model action recorded yet in this run');
    await expect(link).toHaveAttribute('href', /^\/models#version-/);
  });
});
