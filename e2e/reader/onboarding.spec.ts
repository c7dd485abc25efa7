import path from 'node:path';

import { expect, test } from '@playwright/test';

import { ARTIFACTS, PHONE } from '../support/env';
import { stories } from '../support/reader';

test.describe('reader onboarding', () => {
  test('a new reader picks a section and likes a headline; the very first feed puts that section near the top', async ({ page }) => {
    await page.goto('/');
    const kickersOf = async () => (await stories(page).locator('> p:first-child').allInnerTexts()).slice(0, 10).map((k) => k.trim().toLowerCase());
    const cold = await kickersOf();
    await page.getByRole('link', { name: 'Choose your interests' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'What do you like to read?' })).toBeVisible();

    const sections = page.getByRole('group', { name: 'Sections' }).getByRole('checkbox');
    // The third section: not simply the biggest one, which would lead a cold feed anyway.
    const choice = sections.nth(2);
    const label = (await choice.locator('xpath=..').innerText()).trim();
    await choice.check();
    const like = choice.locator('xpath=../..').getByRole('button').first();
    await like.click();
    await expect(like).toHaveAttribute('aria-pressed', 'true');
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(ARTIFACTS, 'reader-welcome-phone.png'), fullPage: false });

    await page.getByRole('button', { name: 'Show my feed' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(stories(page).first()).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Personalize' })).toHaveCount(0);
    const kickers = await kickersOf();
    const share = (list: string[]) => list.filter((k) => k === label.toLowerCase()).length;
    expect(kickers.slice(0, 3), `${label} near the top of ${kickers.join(', ')}`).toContain(label.toLowerCase());
    expect(share(kickers), `${label} in ${kickers.join(', ')} vs cold ${cold.join(', ')}`).toBeGreaterThan(share(cold));
  });
});
