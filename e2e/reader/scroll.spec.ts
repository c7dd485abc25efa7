import { expect, test } from '@playwright/test';

import { stories } from '../support/reader';
import { withE2eDb } from '../support/reader-db';
import { flushSeen, scrollUntil, storyIds } from '../support/reader-flows';

test.describe('reader infinite feed', () => {
  test('scrolling loads three pages with no story twice; only cards actually seen become impressions', async ({ page }) => {
    await page.goto('/');
    await expect(stories(page).first()).toBeVisible();
    const first = await stories(page).count();
    await scrollUntil(page, first * 3);
    const loaded = await storyIds(page);
    expect(new Set(loaded).size).toBe(loaded.length);

    // Let the cards now on screen pass the 500 ms visibility threshold, then leave. The feed may load another
    // page meanwhile (the end of the list is on screen), so the cards are read again after leaving.
    await page.waitForTimeout(800);
    const body = await flushSeen(page);
    const ids = await storyIds(page);
    expect(ids.slice(0, loaded.length)).toEqual(loaded);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = (body.seen ?? []).flatMap((b) => b.items.map((i) => i.articleId));
    expect(seen.length).toBeGreaterThan(0);
    // Cards scrolled past quickly were served but not seen.
    expect(seen.length).toBeLessThan(ids.length);
    for (const id of seen) expect(ids).toContain(id);
    const requestId = body.seen![0]!.requestId;
    await expect
      .poll(() => withE2eDb((db) => db.impression.count({ where: { requestId } })))
      .toBe(body.seen!.filter((b) => b.requestId === requestId).flatMap((b) => b.items).length);
  });
});
