import path from 'node:path';

import { expect, test } from '@playwright/test';

import { ARTIFACTS, DESKTOP, PHONE } from '../support/env';
import { clickStory, stories } from '../support/reader';

test.describe('reader feed', () => {
  test('opens the feed, sees ranked stories, clicks one and lands on the article page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await expect(stories(page).first()).toBeVisible();
    expect(await stories(page).count()).toBeGreaterThanOrEqual(5);

    const { title, body } = await clickStory(page, 1);
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ type: 'CLICK', position: 1 });
    expect(body.events[0]?.requestId).toBeTruthy();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('link', { name: /Back to your feed/ })).toBeVisible();
  });

  test('"Load more" appends the next page without repeating a story', async ({ page }) => {
    await page.goto('/');
    const before = await stories(page).count();
    // Scrolling the button into view (as a pointer click does) already starts the infinite scroll, which
    // keeps moving the button; press it where it is, as a keyboard or assistive-technology user would.
    await page.getByRole('button', { name: 'Load more' }).dispatchEvent('click');
    await expect.poll(() => stories(page).count()).toBeGreaterThan(before);
    const titles = await stories(page).getByRole('heading').allInnerTexts();
    expect(new Set(titles).size).toBe(titles.length);
  });

  test('a section tab shows only that section', async ({ page }) => {
    await page.goto('/');
    const tab = page.getByRole('navigation', { name: 'Sections' }).getByRole('link').nth(1);
    const section = (await tab.innerText()).trim().toLowerCase();
    await tab.click();
    await expect(tab).toHaveAttribute('aria-current', 'page');
    await expect(stories(page).first()).toBeVisible();
    const kickers = await stories(page).locator('> p:first-child').allInnerTexts();
    expect(kickers.length).toBeGreaterThan(0);
    for (const kicker of kickers) expect(kicker.trim().toLowerCase()).toBe(section);
  });

  test('an unknown article is a 404', async ({ page }) => {
    const response = await page.goto('/article/no-such-article');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Story not found' })).toBeVisible();
  });

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`feed screenshot (${name})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto('/');
      await expect(stories(page).first()).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-feed-${name}.png`) });
    });
  }
});
