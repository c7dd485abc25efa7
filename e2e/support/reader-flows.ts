import { expect, type Page, type Request } from '@playwright/test';

import { stories } from './reader';

export interface TSeenBody {
  seen?: { requestId: string; items: { articleId: string; position: number }[] }[];
  events?: { type: string; articleId: string }[];
}

/**
 * Article ids of the feed's cards, in order (from their links), once the list shows: read straight after a
 * navigation it may not be rendered yet (behind the scale deployment's front it often was not), and an empty
 * list would pass for a feed with no stories.
 */
export async function storyIds(page: Page): Promise<string[]> {
  await expect(stories(page).first()).toBeVisible();
  const hrefs = await stories(page).getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''));
  return hrefs.map((h) => decodeURIComponent(h.replace('/article/', '')));
}

/** Scrolls to the end of the feed until it holds at least `count` stories (infinite scroll, no button). */
export async function scrollUntil(page: Page, count: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.mouse.wheel(0, 4000);
        return stories(page).count();
      },
      { timeout: 30_000, intervals: [400] },
    )
    .toBeGreaterThanOrEqual(count);
}

/** Makes the page send its pending impressions as it would on leave, and returns that beacon's body. */
export async function flushSeen(page: Page): Promise<TSeenBody> {
  const isSeen = (r: Request) => r.url().endsWith('/api/events') && r.method() === 'POST' && (r.postData() ?? '').includes('"seen"');
  const [request] = await Promise.all([page.waitForRequest(isSeen), page.evaluate(() => window.dispatchEvent(new Event('pagehide')))]);
  expect((await request.response())?.status()).toBe(200);
  return JSON.parse(request.postData() ?? '{}') as TSeenBody;
}
