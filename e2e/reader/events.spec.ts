import { expect, test } from '@playwright/test';

const event = { clientEventId: 'e2e-events-spec-0001', type: 'CLICK', articleId: 'no-such-article' };

test.describe('reader events endpoint', () => {
  test('accepts a beacon-style text/plain batch', async ({ request }) => {
    const res = await request.post('/api/events', {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify({ events: [event] }),
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 0, unknownArticles: 1 });
  });

  test('rejects malformed JSON with 400 and a clear message', async ({ request }) => {
    const res = await request.post('/api/events', { headers: { 'content-type': 'text/plain' }, data: '{"events":[' });
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain('not valid JSON');
  });

  test('rejects bodies over 64 KB with 413', async ({ request }) => {
    const events = Array.from({ length: 1500 }, (_, i) => ({ ...event, clientEventId: `e2e-big-${i}-padding` }));
    const res = await request.post('/api/events', { headers: { 'content-type': 'text/plain' }, data: JSON.stringify({ events }) });
    expect(res.status()).toBe(413);
  });
});
