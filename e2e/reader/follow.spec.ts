import { expect, test } from '@playwright/test';

import { stories } from '../support/reader';
import { markRead } from '../support/reader-library';
import { storyIds } from '../support/reader-flows';

test.describe('reader following', () => {
  test('a followed section counts once the reader has history: 8 politics reads, then Sports ticked', async ({ page }) => {
    await page.goto('/?category=POLITICS');
    await markRead(page, (await storyIds(page)).slice(0, 8));
    await page.goto('/');
    // The list may render after the load event (slower behind the scale deployment's front): wait for it.
    await expect(stories(page)).toHaveCount(20);
    const politics = (await stories(page).locator('> p:first-child').allTextContents()).filter((k) => k.trim() === 'Politics').length;
    expect(politics).toBeGreaterThan(8);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('group', { name: 'Sections you follow' }).getByRole('checkbox', { name: 'Sports' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();

    await page.goto('/');
    await expect(stories(page)).toHaveCount(20);
    const kickers = (await stories(page).locator('> p:first-child').allTextContents()).map((k) => k.trim());
    // 40% of each page is kept for followed sections: 8 of 20 for a single one.
    expect(kickers.filter((k) => k === 'Sports').length).toBeGreaterThanOrEqual(8);
    expect(kickers.filter((k) => k === 'Politics').length).toBeGreaterThan(0);
  });
});
