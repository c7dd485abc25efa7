import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { updateArticleEditorial } from '@lede/domain/newsroom';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';
import { ZFeedPage } from './feed.schema';

describe(`feed.list (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 70);
  });
  afterAll(() => t.drop());

  it('pages through the ranking with no article twice, logging no impressions at serve time', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const seen: string[] = [];
    let cursor: string | null = null;
    let requestId = '';
    for (let page = 0; page < 4; page++) {
      const res = await caller.feed.list({ limit: 20, cursor });
      expect(ZFeedPage.strict().parse(res)).toEqual(res);
      requestId ||= res.requestId;
      expect(res.requestId).toBe(requestId);
      seen.push(...res.items.map((i) => i.id));
      res.items.forEach((item, i) => expect(item.position).toBe(page * 20 + i));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
    expect(await t.db.impression.count({ where: { requestId, userId: readerId } })).toBe(0);
  });

  it('explains every item with its score components when asked (feed.why)', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const { items, requestId } = await caller.feed.list({ limit: 5 });
    for (const item of items) {
      const why = await caller.feed.why({ requestId, articleId: item.id });
      expect(why.category).toBe(item.category);
      expect(why.components?.freshness).toBeGreaterThan(0);
      expect(why.components?.final).toBeCloseTo(item.score, 6);
    }
    // A request this process no longer holds: the reader's current ranking answers.
    expect((await caller.feed.why({ requestId: 'gone', articleId: items[0]!.id })).components?.final).toBeGreaterThan(0);
    await expect(caller.feed.why({ requestId, articleId: 'no-such-article' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  // Issue 15 item 1: "Why am I seeing this?" on a story the editors hid after it was served failed.
  it('answers "removed" for a story hidden since it was served', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const { items, requestId } = await caller.feed.list({ limit: 5 });
    const editor = await t.db.user.create({ data: { email: 'why-desk@example.com', role: 'EDITOR', interests: [] } });
    await updateArticleEditorial(t.db, editor.id, items[0]!.id, { status: 'HIDDEN' });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await caller.feed.why({ requestId, articleId: items[0]!.id })).toEqual({ category: items[0]!.category, components: null, contributions: [], because: [], removed: true });
    await updateArticleEditorial(t.db, editor.id, items[0]!.id, { status: 'PUBLISHED' });
  });

  it('filters by category tab', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const { items } = await caller.feed.list({ limit: 50, category: 'SPORTS' });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.category === 'SPORTS')).toBe(true);
  });

  it('ranks a reader’s clicked category higher and drops what they already read', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const first = await caller.feed.list({ limit: 50 });
    const sports = first.items.filter((i) => i.category === 'SPORTS').slice(0, 3);
    await caller.events.log({
      events: sports.map((s, n) => ({ clientEventId: `click-${n}-${s.id}`, type: 'CLICK' as const, articleId: s.id, requestId: first.requestId, position: s.position })),
    });
    const next = await caller.feed.list({ limit: 10 });
    const ids = next.items.map((i) => i.id);
    for (const s of sports) expect(ids).not.toContain(s.id);
    const share = (items: { category: string }[]) => items.filter((i) => i.category === 'SPORTS').length / items.length;
    expect(share(next.items)).toBeGreaterThan(share(first.items.slice(0, 10)));
  });

  it('rejects a malformed cursor and another reader’s cursor', async () => {
    const a = await callerFor(t.db, { readerId: newReaderId() });
    const b = await callerFor(t.db, { readerId: newReaderId() });
    await expect(a.feed.list({ limit: 5, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const page = await a.feed.list({ limit: 5 });
    await expect(b.feed.list({ limit: 5, cursor: page.nextCursor })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('needs a reader id', async () => {
    const anonymous = await callerFor(t.db);
    await expect(anonymous.feed.list({ limit: 5 })).rejects.toBeInstanceOf(TRPCError);
    const bad = await callerFor(t.db, { readerId: 'x' });
    await expect(bad.feed.list({ limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
