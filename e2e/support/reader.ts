import { expect, type Page, type Request } from '@playwright/test';

export interface TClickBody {
  events: { type: string; articleId: string; requestId?: string; position?: number; clientEventId: string }[];
}

/** The feed's story cards, in rank order. */
export function stories(page: Page) {
  return page.getByRole('list', { name: 'Stories' }).getByRole('article');
}

/**
 * Clicks the story at `index` and waits for both the article page and the stored click (the beacon's answer),
 * returning the story's title and the event that was sent.
 */
export async function clickStory(page: Page, index = 0): Promise<{ title: string; body: TClickBody }> {
  const link = stories(page).nth(index).getByRole('link');
  const title = (await link.innerText()).trim();
  const isEvents = (r: Request) => r.url().endsWith('/api/events') && r.method() === 'POST';
  const [request] = await Promise.all([page.waitForRequest(isEvents), link.click()]);
  const response = await request.response();
  expect(response?.status(), 'events endpoint answer').toBe(200);
  await expect(page).toHaveURL(/\/article\//);
  return { title, body: JSON.parse(request.postData() ?? '{}') as TClickBody };
}
