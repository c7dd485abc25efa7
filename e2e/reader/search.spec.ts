import path from 'node:path';

import { expect, test } from '@playwright/test';

import { ARTIFACTS, DESKTOP, PHONE } from '../support/env';
import { stories } from '../support/reader';

test.describe('reader search', () => {
  test('finds a story by the words of its headline and highlights them', async ({ page }) => {
    await page.goto('/');
    const title = (await stories(page).first().getByRole('heading').innerText()).trim();
    // The whole headline, not one word of it: a single common word ("Things") matches more stories than a page
    // holds, and which of them come first depends on the day's corpus.
    const query = title.split(/\s+/).slice(0, 8).join(' ');

    await page.getByRole('navigation', { name: 'Your Lede' }).getByRole('link', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search stories' }).fill(query);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('article');
    await expect(results.first()).toBeVisible();
    const hit = results.filter({ hasText: title }).first();
    await expect(hit).toBeVisible();
    const marked = await hit.getByRole('heading').locator('mark').allInnerTexts();
    expect(marked.length).toBeGreaterThan(0);
    for (const word of marked) expect(title.toLowerCase()).toContain(word.toLowerCase());

    for (const [name, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: path.join(ARTIFACTS, `reader-search-${name}.png`) });
    }
  });

  test('says so when nothing matches, and offers to drop the filters', async ({ page }) => {
    await page.goto('/search?q=zzqxjvwk');
    await expect(page.getByRole('status')).toHaveText('No stories match “zzqxjvwk”.');
    await expect(page.getByText('Try fewer or other words.')).toBeVisible();
    await page.goto('/search?q=zzqxjvwk&within=day');
    await expect(page.getByRole('status')).toHaveText('No stories match “zzqxjvwk” with these filters.');
    await page.getByRole('link', { name: 'Search all sections and dates' }).click();
    await expect(page).toHaveURL(/\/search\?q=zzqxjvwk$/);
  });

  test('filters by section, sorts by date and pages past the first 20 results', async ({ page }) => {
    await page.goto('/search');
    await page.getByRole('searchbox', { name: 'Search stories' }).fill('trump');
    await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: 'Politics' });
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Newest first' });
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('list', { name: 'Search results' }).getByRole('article');
    await expect(results).toHaveCount(20);
    const kickers = await results.locator('> p:first-child').allInnerTexts();
    expect(new Set(kickers.map((k) => k.trim().toLowerCase()))).toEqual(new Set(['politics']));
    const dates = await results.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
    await expect(page.getByRole('status')).toHaveText(/^Results 1–20 for “trump”/);
    await page.getByRole('link', { name: 'More results' }).click();
    await expect(page.getByRole('status')).toHaveText(/^Results 21–/);
    await expect(page.getByRole('link', { name: 'Previous results' })).toBeVisible();
  });

  test('highlights whole words: "nba finals" marks NBA and Finals, never the NBA inside WNBA', async ({ page }) => {
    await page.goto('/search?q=nba%20finals');
    const marks = page.getByRole('list', { name: 'Search results' }).locator('mark');
    await expect(marks.first()).toBeVisible();
    const found = await marks.evaluateAll((ms) =>
      ms.map((m) => ({ text: m.textContent ?? '', before: m.previousSibling?.textContent?.slice(-1) ?? '', after: m.nextSibling?.textContent?.slice(0, 1) ?? '' })),
    );
    for (const m of found) {
      expect(m.text).toMatch(/^(nba|finals)[\p{L}\p{N}]*$/iu);
      // Nothing of the same word on either side: the mark is a whole word.
      expect(m.before + m.after).not.toMatch(/[\p{L}\p{N}]/u);
    }
  });
});
