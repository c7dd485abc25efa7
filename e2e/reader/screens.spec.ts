import path from 'node:path';

import { expect, test } from '@playwright/test';

import { ARTIFACTS, DESKTOP, PHONE, READER_URL } from '../support/env';
import { stories } from '../support/reader';

test.describe('reader screens', () => {
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    test(`article page and dark feed (${name})`, async ({ page, browser }) => {
      await page.setViewportSize(viewport);
      await page.goto('/');
      await stories(page).first().getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Related stories' })).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-article-${name}.png`), fullPage: true });

      const dark = await browser.newContext({ colorScheme: 'dark', viewport, baseURL: READER_URL });
      const darkPage = await dark.newPage();
      await darkPage.goto('/');
      await expect(stories(darkPage).first()).toBeVisible();
      await stories(darkPage).first().getByRole('button', { name: 'Why am I seeing this?' }).click();
      await darkPage.screenshot({ path: path.join(ARTIFACTS, `reader-feed-dark-${name}.png`) });
      await dark.close();
    });
  }
});
