import { expect, test } from '@playwright/test';

import { stories } from '../support/reader';
import { clickStory } from '../support/reader';

test.describe('reader library', () => {
  test('History lists what was opened, latest first', async ({ page }) => {
    await page.goto('/');
    const { title } = await clickStory(page, 2);
    await page.getByRole('link', { name: 'History' }).click();
    const read = page.getByRole('list', { name: 'Stories you read' }).getByRole('article');
    await expect(read.first()).toContainText(title);
  });

  test('"Not interested": fewer like this or hide the whole section, then see and undo both', async ({ page }) => {
    await page.goto('/');
    const card = stories(page).first();
    const title = (await card.getByRole('link').innerText()).trim();
    const section = (await card.locator('> p:first-child').textContent())?.trim() ?? '';
    await card.getByRole('button', { name: /^Not interested/ }).click();
    await expect(page.getByRole('status').filter({ hasText: `Hidden: ${title}` })).toBeVisible();
    await page.getByRole('button', { name: `Hide all of ${section}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${section} is hidden from your top stories` })).toBeVisible();

    // The top stories leave the section out; its own tab still lists it.
    await page.goto('/');
    const kickers = await stories(page).locator('> p:first-child').allTextContents();
    expect(kickers.map((k) => k.trim())).not.toContain(section);

    await page.goto('/not-interested');
    const muted = page.getByRole('list', { name: 'Stories you marked not interested' }).getByRole('article');
    await expect(muted.filter({ hasText: title })).toHaveCount(1);
    const hidden = page.getByRole('list', { name: 'Hidden sections' });
    await hidden.getByRole('button', { name: `Show again ${section}` }).click();
    await expect(page.getByRole('list', { name: 'Hidden sections' })).toHaveCount(0);
    await muted.filter({ hasText: title }).getByRole('button', { name: /^Undo/ }).click();
    await expect(page.getByRole('list', { name: 'Stories you marked not interested' })).toHaveCount(0);

    await page.goto('/');
    await expect.poll(async () => (await stories(page).locator('> p:first-child').allTextContents()).map((k) => k.trim())).toContain(section);
  });
});
