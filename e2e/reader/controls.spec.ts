import { expect, test } from '@playwright/test';

import { clickStory, stories } from '../support/reader';
import { storyIds } from '../support/reader-flows';

test.describe('reader controls', () => {
  test('"not interested" hides a story, undo brings it back, and without undo it stays out of the feed', async ({ page }) => {
    await page.goto('/');
    const ids = await storyIds(page);
    const count = await stories(page).count();
    const title = (await stories(page).first().getByRole('heading').innerText()).trim();

    await stories(page).first().getByRole('button', { name: /Not interested/ }).click();
    await expect(page.getByRole('status').filter({ hasText: title })).toBeVisible();
    await expect(stories(page)).toHaveCount(count - 1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(stories(page)).toHaveCount(count);
    await expect(stories(page).first().getByRole('heading')).toHaveText(title);

    // Undo is the last word: the story may come back on reload. A second "not interested" sticks.
    await stories(page).nth(1).getByRole('button', { name: /Not interested/ }).click();
    await expect(stories(page)).toHaveCount(count - 1);
    await page.reload();
    await expect(stories(page).first()).toBeVisible();
    expect(await storyIds(page)).not.toContain(ids[1]);
  });

  test('"why am I seeing this?" explains a pick in plain words, naming what the reader read', async ({ page }) => {
    await page.goto('/');
    const kicker = (await stories(page).nth(0).locator('> p:first-child').innerText()).trim();
    const { title } = await clickStory(page, 0);
    await page.goto('/');
    // A story from the same section as the one just read is explained by it.
    const sameSection = stories(page).filter({ has: page.locator('> p:first-child', { hasText: new RegExp(`^${kicker}$`, 'i') }) }).first();
    await sameSection.getByRole('button', { name: 'Why am I seeing this?' }).click();
    await expect(sameSection.getByRole('button', { name: 'Why am I seeing this?' })).toHaveAttribute('aria-expanded', 'true');
    const panel = sameSection.getByRole('region', { name: 'Why you are seeing this' });
    await expect(panel.getByRole('listitem').first()).toBeVisible();
    // Reasons follow the ranking model's contributions: the story just read is named where closeness to it
    // pushed this one up; otherwise the section it shares with it is (both are what the reader read).
    await expect(panel).toContainText(new RegExp(`${escapeRegExp(title)}|You often read ${escapeRegExp(kicker)}`, 'i'));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
