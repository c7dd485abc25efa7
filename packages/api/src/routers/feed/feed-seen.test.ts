import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { feedDepsFor } from '@lede/domain/feed';
import { aggregateDailyMetrics, readDailyMetrics } from '@lede/domain/metrics';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`feed.seen and the new-since marker (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 30);
  });
  afterAll(() => t.drop());

  it('stores impressions for seen cards only, with the request’s model version and score, once', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const page = await caller.feed.list({ limit: 10 });
    const seen = page.items.slice(0, 3).map((i) => ({ articleId: i.id, position: i.position }));
    expect(await caller.feed.seen({ requestId: page.requestId, items: seen })).toEqual({ stored: 3, duplicates: 0, unknownArticles: 0 });
    expect(await caller.feed.seen({ requestId: page.requestId, items: seen })).toEqual({ stored: 0, duplicates: 3, unknownArticles: 0 });

    const rows = await t.db.impression.findMany({ where: { requestId: page.requestId }, orderBy: { position: 'asc' } });
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ userId: readerId, articleId: page.items[i]!.id, position: i, modelVersion: page.modelVersion });
      expect(row.score).toBeCloseTo(page.items[i]!.score, 6);
    });
  });

  it('stores only cards the request served this reader, at the served position and score', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const page = await caller.feed.list({ limit: 5 });
    const [first, second] = page.items;
    const unserved = (await t.db.article.findMany({ where: { id: { notIn: page.items.map((i) => i.id) } }, take: 1 }))[0]!;
    const res = await caller.feed.seen({
      requestId: page.requestId,
      items: [{ articleId: first!.id, position: 0 }, { articleId: second!.id, position: 40 }, { articleId: unserved.id, position: 2 }, { articleId: 'no-such-article', position: 5 }],
    });
    expect(res).toEqual({ stored: 2, duplicates: 0, unknownArticles: 2 });
    const row = await t.db.impression.findUniqueOrThrow({ where: { requestId_articleId: { requestId: page.requestId, articleId: second!.id } } });
    expect(row).toMatchObject({ position: 1, modelVersion: page.modelVersion });
  });

  it('refuses impressions for a made-up request or another reader’s request', async () => {
    const owner = await callerFor(t.db, { readerId: newReaderId() });
    const page = await owner.feed.list({ limit: 3 });
    const forger = await callerFor(t.db, { readerId: newReaderId() });
    const items = page.items.map((i, position) => ({ articleId: i.id, position }));
    expect(await forger.feed.seen({ requestId: page.requestId, items })).toMatchObject({ stored: 0 });
    expect(await forger.feed.seen({ requestId: 'made-up-request', items })).toMatchObject({ stored: 0 });
    expect(await t.db.impression.count({ where: { requestId: { in: [page.requestId, 'made-up-request'] } } })).toBe(0);
  });

  it('counts a click on a seen card in the daily metrics', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const page = await caller.feed.list({ limit: 5 });
    const item = page.items[0]!;
    await caller.feed.seen({ requestId: page.requestId, items: [{ articleId: item.id, position: 0 }] });
    await caller.events.log({ events: [{ clientEventId: 'seen-click-1', type: 'CLICK', articleId: item.id, requestId: page.requestId, position: 0 }] });
    await aggregateDailyMetrics(t.db, { days: 1 });
    const [today] = await readDailyMetrics(t.db, {});
    expect(today?.clicks).toBeGreaterThanOrEqual(1);
  });

  it('marks stories published since the previous visit as new', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const deps = feedDepsFor(t.db);
    const first = await caller.feed.list({ limit: 30 });
    expect(first.newSince).toBeNull();
    expect(first.items.some((i) => i.isNew)).toBe(false);

    // Back a day later, with lastVisitAt set to 12 hours before the newest story.
    const newest = Math.max(...first.items.map((i) => i.publishedAt.getTime()));
    await t.db.user.update({ where: { id: readerId }, data: { lastVisitAt: new Date(newest - 12 * 3_600_000) } });
    deps.now = () => new Date(Date.now() + 86_400_000);
    try {
      const next = await caller.feed.list({ limit: 30 });
      expect(next.newSince?.getTime()).toBe(newest - 12 * 3_600_000);
      const fresh = next.items.filter((i) => i.isNew);
      expect(fresh.length).toBeGreaterThan(0);
      for (const i of next.items) expect(i.isNew).toBe(i.publishedAt.getTime() > newest - 12 * 3_600_000);
      // Within the same visit the marker stays.
      const again = await caller.feed.list({ limit: 30 });
      expect(again.newSince?.getTime()).toBe(newest - 12 * 3_600_000);
    } finally {
      delete deps.now;
    }
  });
});
