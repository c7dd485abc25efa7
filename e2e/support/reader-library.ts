import { expect, type Page } from '@playwright/test';

import { storyIds } from './reader-flows';

/**
 * Marks stories read as the reader app does on a click (a CLICK event through /api/events, as the current
 * reader): faster than opening each one, and the same stored event.
 */
export async function markRead(page: Page, articleIds: string[]): Promise<void> {
  const events = articleIds.map((articleId) => ({ type: 'CLICK', articleId, clientEventId: `e2e-read-${articleId}-${crypto.randomUUID()}` }));
  const response = await page.request.post('/api/events', { data: JSON.stringify({ events }), headers: { 'content-type': 'text/plain' } });
  expect(response.status(), await response.text()).toBe(200);
}

/** The ids of the first `count` stories of "For you" (loading more pages as needed). */
export async function topStoryIds(page: Page, count: number): Promise<string[]> {
  await page.goto('/');
  const ids: string[] = [];
  while (ids.length < count) {
    const now = await storyIds(page);
    for (const id of now) if (!ids.includes(id)) ids.push(id);
    if (ids.length >= count) break;
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(async () => (await storyIds(page)).length).toBeGreaterThan(now.length);
  }
  return ids.slice(0, count);
}
