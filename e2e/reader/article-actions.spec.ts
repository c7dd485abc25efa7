import { expect, test } from '@playwright/test';

import { stories } from '../support/reader';

test.describe('reader article page', () => {
  test('save, copy link and follow the section; the publisher opens in a new tab', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    await stories(page).first().getByRole('link').click();
    await expect(page).toHaveURL(/\/article\//);
    const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    const section = (await page.getByRole('article').locator('header > p').first().textContent())?.trim() ?? '';

    const save = page.getByRole('button', { name: 'Save', exact: true });
    await expect(save).toHaveAttribute('aria-pressed', 'false');
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'Saved. Find it under Saved.' })).toBeVisible();

    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());

    const follow = page.getByRole('button', { name: `Follow ${section}` });
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'true');

    const publisher = page.getByRole('link', { name: /Read the full story at/ });
    await expect(publisher).toHaveAttribute('target', '_blank');
    await expect(publisher).toHaveAttribute('rel', /noopener/);

    // The page remembers: after a reload both toggles are still on.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: `Follow ${section}` })).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('link', { name: 'Saved' }).click();
    const saved = page.getByRole('list', { name: 'Saved stories' }).getByRole('article');
    await expect(saved.filter({ hasText: title })).toHaveCount(1);
    await saved.filter({ hasText: title }).getByRole('button', { name: /^Remove/ }).click();
    await expect(page.getByText('Nothing saved yet.')).toBeVisible();

    await page.goto('/not-interested');
    const followed = page.getByRole('list', { name: 'Followed sections' });
    await followed.getByRole('button', { name: `Unfollow ${section}` }).click();
    await expect(page.getByText('None: follow a section from any of its stories, or in Settings.')).toBeVisible();
  });
});
