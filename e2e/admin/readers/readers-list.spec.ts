import { expect, test } from '@playwright/test';

import { ADMIN_URL } from '../../support/env';
import { signInAsEditor } from '../../support/staff';

test.describe('readers list', () => {
  test('browses readers by kind, pages, and finds them by a piece of their id or email', async ({ page }) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/readers`);
    const table = page.getByRole('table', { name: 'Readers' });
    // Without a search the page lists readers.
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    await expect(page.getByText(/^[\d,]+ readers?$/)).toBeVisible();
    await expect(page.getByRole('main')).toContainText('sim:1');
    await expect(page.getByRole('main')).not.toContainText('sim:0');

    await page.getByLabel('Kind of reader').selectOption({ label: 'Simulated readers' });
    await page.getByRole('button', { name: 'Find' }).click();
    const externalIds = await table.getByRole('row').locator('td:nth-child(3)').allInnerTexts();
    expect(externalIds.length).toBeGreaterThan(0);
    expect(externalIds.every((id) => id.startsWith('sim:'))).toBe(true);

    // A piece of an external id: "im:1" finds sim:1, sim:10…
    await page.getByRole('searchbox').fill('im:1');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(table.getByRole('link', { name: 'sim:1', exact: true })).toBeVisible();
    // A piece of an email.
    await page.getByLabel('Kind of reader').selectOption({ label: 'Everyone' });
    await page.getByRole('searchbox').fill('e2e.lede');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(table.getByRole('link', { name: 'editor@e2e.lede.local' })).toBeVisible();
  });

  test('pages through every reader', async ({ page }) => {
    await signInAsEditor(page);
    await page.goto(`${ADMIN_URL}/readers`);
    const next = page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next page →' });
    if ((await next.count()) === 0) test.skip(true, 'fewer readers than one page');
    const firstPage = await page.getByRole('table', { name: 'Readers' }).getByRole('row').nth(1).innerText();
    await next.click();
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Readers' }).getByRole('row').nth(1)).not.toHaveText(firstPage);
  });
});
