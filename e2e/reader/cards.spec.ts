import { expect, test } from '@playwright/test';

import { DESKTOP, PHONE, READER_URL } from '../support/env';
import { stories } from '../support/reader';
import { withE2eDb } from '../support/reader-db';

test.describe('reader cards', () => {
  test('a desktop screen shows a grid of stories, not three', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/');
    await expect(stories(page).first()).toBeVisible();
    const inView = await stories(page).evaluateAll((cards) => cards.filter((c) => c.getBoundingClientRect().top < window.innerHeight).length);
    expect(inView).toBeGreaterThanOrEqual(6);
    // Without an image, the card shows its section on a designed panel.
    await expect(stories(page).first().locator('.story-panel')).toBeVisible();
  });

  test('a story with an image shows it on its card and its page', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(PHONE);
    await page.goto('/?category=TRAVEL');
    const id = decodeURIComponent(((await stories(page).first().getByRole('link').getAttribute('href')) ?? '').replace('/article/', ''));
    // The reader's own favicon stands in for a publisher's image (nothing outside this machine is reachable).
    const imageUrl = `${READER_URL}/icon.svg`;
    await withE2eDb((db) => db.article.update({ where: { id }, data: { imageUrl } }));
    try {
      await page.goto(`/article/${encodeURIComponent(id)}`);
      await expect(page.getByRole('article').locator(`img[src="${imageUrl}"]`)).toBeVisible();
      // The feed's pool picks the change up on its next refresh (LEDE_POOL_REFRESH_S, 30 s).
      await expect
        .poll(
          async () => {
            await page.goto('/?category=TRAVEL');
            return stories(page).locator(`img[src="${imageUrl}"]`).count();
          },
          { timeout: 75_000, intervals: [5_000] },
        )
        .toBe(1);
    } finally {
      await withE2eDb((db) => db.article.update({ where: { id }, data: { imageUrl: null } }));
    }
  });
});
