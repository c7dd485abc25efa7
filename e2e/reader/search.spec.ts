import path from 'node:path';

import { expect, test } from '@playwright/test';

import { ARTIFACTS, DESKTOP, PHONE } from '../support/env';
import { stories } from '../support/reader';

test.describe('reader search', () => {
  test('finds stories by a word of a headline and highlights it', async ({ page }) => {
    await page.goto('/');
    const title = (await stories(page).first().getByRole('heading').innerText()).trim();
    const word = title.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0]!;

    await page.getByRole('navigation', { name: 'Your Lede' }).getByRole('link', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search stories' }).fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word)}`));
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('article');
    await expect(results.first()).toBeVisible();
    await expect(results.filter({ hasText: title }).first()).toBeVisible();
    await expect(results.first().locator('mark').first()).toHaveText(word, { ignoreCase: true });

    for (const [name, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-search-${name}.png`) });
    }
  });

  test('says so when nothing matches', async ({ page }) => {
    await page.goto('/search?q=zzqxjvwk');
    await expect(page.getByText('Nothing found. Try other words.')).toBeVisible();
  });
});
