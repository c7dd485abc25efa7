import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { seedArticles } from '../testing/fixtures';
import { aggregateDailyMetrics, dayKey, readDailyMetrics } from './metrics';

describe(`daily metrics (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('counts impressions and the clicks that answer them, per version and category', async () => {
    const articles = await seedArticles(t.db, 2);
    const a = articles[0]!;
    const b = articles[1]!;
    const user = await t.db.user.create({ data: { interests: [] } });
    const now = new Date();
    const imp = (requestId: string, articleId: string, modelVersion: string, position: number) => ({ requestId, articleId, modelVersion, position, userId: user.id, score: 0.5, createdAt: now });
    await t.db.impression.createMany({ data: [imp('r1', a.id, 'v1', 0), imp('r1', b.id, 'v1', 1), imp('r2', a.id, 'v2', 0), imp('r2', b.id, 'v2', 1)] });
    const click = (id: string, requestId: string | null, articleId: string) => ({ clientEventId: id, requestId, articleId, userId: user.id, type: 'CLICK' as const });
    // Two clicks on the same impression count once; a click without an impression does not count.
    await t.db.readerEvent.createMany({ data: [click('c1', 'r1', a.id), click('c2', 'r1', a.id), click('c3', null, b.id)] });

    await aggregateDailyMetrics(t.db, { days: 1, now });
    const [today] = await readDailyMetrics(t.db, { from: dayKey(now), to: dayKey(now) });
    expect(today).toMatchObject({ impressions: 4, clicks: 1, readers: 1, ctr: 0.25 });
    const v1 = await t.db.dailyMetric.findFirstOrThrow({ where: { day: dayKey(now), modelVersion: 'v1', category: '*' } });
    expect([v1.impressions, v1.clicks]).toEqual([2, 1]);
    const catA = await t.db.dailyMetric.findFirstOrThrow({ where: { day: dayKey(now), modelVersion: '*', category: a.category } });
    expect([catA.impressions, catA.clicks]).toEqual([2, 1]);

    // Re-aggregation replaces the day's rows instead of adding to them.
    await aggregateDailyMetrics(t.db, { days: 1, now });
    expect((await readDailyMetrics(t.db, {}))[0]?.impressions).toBe(4);
  });
});
