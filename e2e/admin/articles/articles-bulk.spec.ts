import { expect, test } from '@playwright/test';

import { ADMIN_URL, READER_URL } from '../../support/env';
import { signInAsEditor } from '../../support/staff';

test.describe('articles: bulk actions, preview, view on site, sections', () => {
  test('an editor hides two articles at once and unhides them', async ({ page }) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/articles?q=a`);
    const table = page.getByRole('table', { name: 'Articles' });
    const boxes = table.getByRole('checkbox');
    const titles = [await table.getByRole('row').nth(1).getByRole('link').innerText(), await table.getByRole('row').nth(2).getByRole('link').innerText()];
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Hide selected', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Hid 2 of 2 selected articles.' })).toBeVisible();
    for (const title of titles) await expect(table.getByRole('row').filter({ hasText: title }).first()).toContainText('Hidden');

    await table.getByRole('row').filter({ hasText: titles[0] }).first().getByRole('checkbox').check();
    await table.getByRole('row').filter({ hasText: titles[1] }).first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Unhide selected', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Unhid 2 of 2 selected articles.' })).toBeVisible();
    for (const title of titles) await expect(table.getByRole('row').filter({ hasText: title }).first()).toContainText('Published');

    await page.goto(`${ADMIN_URL}/audit?action=article.`);
    await expect(page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'bulk: true' }).first()).toBeVisible();
  });

  test('asks for a selection before a bulk action', async ({ page }) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/articles`);
    await page.getByRole('button', { name: 'Hide selected', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Select at least one article' })).toBeVisible();
  });

  test('the article page previews the card, links to the reader site, and offers known sections only', async ({ page }) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/articles`);
    const link = page.getByRole('table', { name: 'Articles' }).getByRole('row').nth(1).getByRole('link');
    const href = await link.getAttribute('href');
    await link.click();
    const id = decodeURIComponent(href!.split('/').pop()!);
    const onSite = page.getByRole('link', { name: 'View on site (opens in a new tab)' });
    await expect(onSite).toHaveAttribute('href', `${READER_URL}/article/${encodeURIComponent(id)}`);
    await expect(onSite).toHaveAttribute('target', '_blank');
    const preview = page.getByRole('region', { name: 'Preview in the feed' });
    await expect(preview.getByRole('article')).toBeVisible();
    // The section is a select of the sections that exist: no free text that could create one from a typo.
    const section = page.getByRole('combobox', { name: 'Section' });
    await expect(section).toBeVisible();
    expect(await section.locator('option').count()).toBeGreaterThan(1);
    await expect(page.getByRole('textbox', { name: 'Section' })).toHaveCount(0);
  });
});
