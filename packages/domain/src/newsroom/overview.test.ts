import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { seedArticles } from '../testing/fixtures';
import { readNewsroomOverview } from './overview';

describe(`newsroom overview (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('counts active readers today and this week, CTR per window, versions and worker health', async () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const [a] = await seedArticles(t.db, 1);
    const [r1, r2] = await Promise.all([t.db.user.create({ data: { interests: [] } }), t.db.user.create({ data: { interests: [] } })]);
    const imp = (requestId: string, userId: string, createdAt: string) => ({ requestId, userId, articleId: a!.id, modelVersion: 'v1', position: 0, score: 0, createdAt: new Date(createdAt) });
    // r1 read today and three days ago, r2 three days ago only; a later timestamp today is not counted yet.
    await t.db.impression.createMany({
      data: [imp('q1', r1.id, '2026-03-10T09:00:00Z'), imp('q2', r1.id, '2026-03-07T09:00:00Z'), imp('q3', r2.id, '2026-03-07T10:00:00Z'), imp('q4', r2.id, '2026-03-10T20:00:00Z')],
    });
    const row = (day: string, impressions: number, clicks: number) => ({ day, modelVersion: '*', category: '*', impressions, clicks, readers: 1, recallHits: 0, recallClicks: 0 });
    // This week: 100 + 300 impressions, 10 + 20 clicks; the week before: 200 / 10.
    await t.db.dailyMetric.createMany({ data: [row('2026-03-10', 100, 10), row('2026-03-05', 300, 20), row('2026-03-02', 200, 10), row('2026-02-20', 999, 999)] });
    await t.db.modelVersion.create({ data: { id: 'v1', status: 'ACTIVE', trafficShare: 1, encoderVersion: 'e' } });

    const o = await readNewsroomOverview(t.db, now);
    expect(o.readers).toEqual({ today: 1, week: 2 });
    expect(o.ctr.today).toEqual({ impressions: 100, clicks: 10, ctr: 0.1 });
    expect(o.ctr.week).toEqual({ impressions: 400, clicks: 30, ctr: 0.075 });
    expect(o.ctr.previousWeek).toEqual({ impressions: 200, clicks: 10, ctr: 0.05 });
    expect(o.models.map((m) => m.id)).toEqual(['v1']);
    // The aggregates were written just now (real time), which is after the fixed `now`: healthy.
    expect(o.worker.healthy).toBe(true);
    expect(o.catalogue).toMatchObject({ articles: 1, published: 1, sections: 1 });
    const stale = await readNewsroomOverview(t.db, new Date(Date.now() + 3_600_000));
    expect(stale.worker.healthy).toBe(false);
  });
});
