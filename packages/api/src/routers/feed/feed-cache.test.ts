import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { CandidatePool, FEED_DEPTH, feedDepsFor, listFeed, PROFILE_TTL_MS } from '@lede/domain/feed';
import { deleteReader } from '@lede/domain/readers';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`reader caches (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let articles: { id: string }[];
  beforeAll(async () => {
    t = await createTestDb();
    articles = await seedArticles(t.db, 40);
  });
  afterAll(() => t.drop());
  afterEach(() => vi.restoreAllMocks());

  it('serves an unchanged reader the ranking it already made, and ranks again after their click', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const deps = feedDepsFor(t.db);
    const first = await listFeed(deps, readerId, { limit: 10 });
    const again = await listFeed(deps, readerId, { limit: 10 });
    expect(again.requestId).not.toBe(first.requestId);
    // The very same ranked objects: no profile load, no ranking.
    again.items.forEach((item, i) => expect(item.ranked).toBe(first.items[i]!.ranked));

    const clicked = first.items[0]!.article.id;
    await caller.events.log({ events: [{ clientEventId: 'click-0001', type: 'CLICK', articleId: clicked, requestId: first.requestId, position: 0 }] });
    const after = await listFeed(deps, readerId, { limit: 10 });
    expect(after.items.map((i) => i.article.id)).not.toContain(clicked);
    expect(after.items[0]!.ranked).not.toBe(first.items[0]!.ranked);
  });

  it('ranks a reader again right after their click, so the feed they come back to is a lookup', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const deps = feedDepsFor(t.db);
    const first = await listFeed(deps, readerId, { limit: 10 });
    const clicked = first.items[0]!.article.id;
    await caller.events.log({ events: [{ clientEventId: 'ahead-0001', type: 'CLICK', articleId: clicked, requestId: first.requestId, position: 0 }] });
    // The reader reads the story meanwhile (the ranking ahead takes milliseconds here; one in progress is shared too).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = { ...deps.rankings.lookups };
    const back = await listFeed(deps, readerId, { limit: 10 });
    expect(deps.rankings.lookups).toEqual({ hits: before.hits + 1, misses: before.misses });
    expect(back.items.map((i) => i.article.id)).not.toContain(clicked);
    expect(back.items[0]!.ranked).not.toBe(first.items[0]!.ranked);

    // Back at once: the request waits for the ranking ahead instead of making its own.
    const next = back.items[0]!.article.id;
    await caller.events.log({ events: [{ clientEventId: 'ahead-0002', type: 'CLICK', articleId: next, requestId: back.requestId, position: 0 }] });
    const hits = deps.rankings.lookups.hits;
    const misses = deps.rankings.lookups.misses;
    expect((await listFeed(deps, readerId, { limit: 10 })).items.map((i) => i.article.id)).not.toContain(next);
    expect(deps.rankings.lookups).toEqual({ hits: hits + 1, misses });
  });

  it('takes "not interested" into the next feed at once', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const first = await caller.feed.list({ limit: 10 });
    const muted = first.items[3]!.id;
    await caller.events.log({ events: [{ clientEventId: 'mute-0001', type: 'NOT_INTERESTED', articleId: muted }] });
    const next = await caller.feed.list({ limit: 40 });
    expect(next.items.map((i) => i.id)).not.toContain(muted);
  });

  it('sees a change written by another process once the cache expires', async () => {
    const readerId = newReaderId();
    const deps = feedDepsFor(t.db);
    const first = await listFeed(deps, readerId, { limit: 5 });
    await (await callerFor(t.db, { readerId })).feed.list({ limit: 1 }); // the reader row exists
    const clicked = first.items[0]!.article.id;
    // A worker import writes a click straight to the database: this process is not told.
    await t.db.readerEvent.create({ data: { clientEventId: `other-${readerId}`, userId: readerId, articleId: clicked, type: 'CLICK' } });
    expect((await listFeed(deps, readerId, { limit: 5 })).items[0]!.article.id).toBe(clicked);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + PROFILE_TTL_MS + 1);
    expect((await listFeed(deps, readerId, { limit: 5 })).items.map((i) => i.article.id)).not.toContain(clicked);
  });

  it('re-creates a deleted reader whose cookie comes back, instead of trusting the cache', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    await caller.feed.list({ limit: 3 });
    await deleteReader(t.db, readerId);
    const page = await caller.feed.list({ limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(await t.db.user.count({ where: { id: readerId } })).toBe(1);
  });

  it('scrolls past the ranked depth into the rest of the pool, never repeating a story', async () => {
    const deep = await createTestDb();
    try {
      const total = FEED_DEPTH + 40;
      await seedArticles(deep.db, total);
      const caller = await callerFor(deep.db, { readerId: newReaderId() });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await caller.feed.list({ limit: 50, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    } finally {
      await deep.drop();
    }
  });

  it('keeps the pool snapshot across refreshes that change nothing, and replaces it when popularity moves', async () => {
    const pool = new CandidatePool(t.db, { days: 30, size: 100, refreshMs: 0, encoderVersion: () => null });
    const before = await pool.prepared();
    const servedBefore = pool.get(articles[5]!.id)!;
    await pool.refresh();
    expect(await pool.prepared()).toBe(before);
    const readerId = newReaderId();
    await (await callerFor(t.db, { readerId })).feed.list({ limit: 1 });
    await t.db.impression.create({ data: { userId: readerId, articleId: articles[5]!.id, requestId: 'r', position: 0, modelVersion: 'baseline', score: 0.5 } });
    await pool.refresh();
    expect(await pool.prepared()).not.toBe(before);
    expect(pool.get(articles[5]!.id)?.popularity.impressions).toBe(1);
    // The article object rankings made before still hold is untouched.
    expect(servedBefore.popularity.impressions).toBe(0);
  });

  it('counts popularity per distinct reader, and only feed clicks', async () => {
    const pool = new CandidatePool(t.db, { days: 30, size: 100, refreshMs: 0, encoderVersion: () => null });
    const target = articles[7]!.id;
    const spammer = newReaderId();
    await (await callerFor(t.db, { readerId: spammer })).feed.list({ limit: 1 });
    // One reader replaying 50 impressions and 50 clicks (bare and with made-up request ids) for one article.
    await t.db.impression.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ userId: spammer, articleId: target, requestId: `spam-${i}`, position: 0, modelVersion: 'baseline', score: 0 })) });
    await t.db.readerEvent.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({ clientEventId: `${spammer}:spam-${i}`, userId: spammer, articleId: target, type: 'CLICK' as const, requestId: i % 2 ? `spam-${i}` : null })),
    });
    await pool.refresh();
    await pool.prepared();
    const popularity = pool.get(target)?.popularity;
    expect(popularity).toMatchObject({ impressions: 1, clicks: 1, readers: { hour: 1, day: 1, week: 1 } });
  });

  it('keeps cached rankings when popularity moves, and ranks again after a pin', async () => {
    const readerId = newReaderId();
    const deps = feedDepsFor(t.db);
    const first = await listFeed(deps, readerId, { limit: 10 });
    const before = await deps.pool.prepared();
    // Another reader's impression moves a story's popularity: a new snapshot, the same rankings.
    const other = newReaderId();
    await (await callerFor(t.db, { readerId: other })).feed.list({ limit: 1 });
    await t.db.impression.create({ data: { userId: other, articleId: first.items[4]!.article.id, requestId: 'r-pop', position: 0, modelVersion: 'baseline', score: 0.5 } });
    await deps.pool.refresh();
    expect(await deps.pool.prepared()).not.toBe(before);
    const again = await listFeed(deps, readerId, { limit: 10 });
    again.items.forEach((item, i) => expect(item.ranked).toBe(first.items[i]!.ranked));
    // An editor pins the sixth story: the reader's next feed opens with it.
    const pinned = first.items[5]!.article.id;
    await t.db.article.update({ where: { id: pinned }, data: { pinnedUntil: new Date(Date.now() + 3_600_000) } });
    try {
      await deps.pool.refresh();
      expect((await listFeed(deps, readerId, { limit: 10 })).items[0]!.article.id).toBe(pinned);
    } finally {
      await t.db.article.update({ where: { id: pinned }, data: { pinnedUntil: null } });
      await deps.pool.refresh();
    }
  });
});
