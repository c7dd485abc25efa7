import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { seedArticles } from '../testing/fixtures';
import {
  aggregateDailyMetrics,
  ALL,
  bucketMetrics,
  dayKey,
  formatMetricsCsv,
  hourKey,
  periodsBetween,
  readDailyMetrics,
  readMetricSeries,
  RECALL_K,
} from './daily-metrics';

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

describe('Recall@K and series', () => {
  const at = (iso: string) => new Date(iso);
  const imp = (requestId: string, userId: string, articleId: string, position: number, createdAt: Date, modelVersion = 'v1', category = 'NEWS') => ({
    requestId, userId, articleId, position, createdAt, modelVersion, article: { category },
  });

  it('counts a reader’s clicked articles shown in their top K, per period (hand-computed)', () => {
    const t0 = at('2026-01-01T10:00:00Z');
    const t1 = at('2026-01-01T11:30:00Z');
    const impressions = [
      // Reader u: clicks a (position 2, hit) and b (position 12, miss) → 1/2.
      imp('r1', 'u', 'a', 2, t0), imp('r1', 'u', 'b', 12, t0),
      // Reader w: clicks c at position 15 in one request, but c was also in w's top K in another → hit.
      imp('r2', 'w', 'c', 15, t0, 'v2', 'SPORTS'), imp('r3', 'w', 'c', 0, t0, 'v2', 'SPORTS'),
      // Reader u again, an hour later: d shown at 1 and clicked → its own hour bucket.
      imp('r4', 'u', 'd', 1, t1),
    ];
    const clicked = new Set(['r1|a', 'r1|b', 'r2|c', 'r4|d']);
    const byDay = bucketMetrics(impressions, clicked, () => '2026-01-01');
    const total = byDay.find((b) => b.modelVersion === ALL && b.category === ALL)!;
    expect([total.recallHits, total.recallClicks]).toEqual([3, 4]);
    expect([total.impressions, total.clicks, total.readers]).toEqual([5, 4, 2]);
    const v1 = byDay.find((b) => b.modelVersion === 'v1' && b.category === ALL)!;
    expect([v1.recallHits, v1.recallClicks]).toEqual([2, 3]);
    const sports = byDay.find((b) => b.modelVersion === ALL && b.category === 'SPORTS')!;
    expect([sports.recallHits, sports.recallClicks]).toEqual([1, 1]);

    const byHour = bucketMetrics(impressions, clicked, hourKey).filter((b) => b.modelVersion === ALL && b.category === ALL);
    expect(byHour.map((b) => [b.period, b.recallHits, b.recallClicks])).toEqual([
      ['2026-01-01T10', 2, 3],
      ['2026-01-01T11', 1, 1],
    ]);
  });

  it('K is 10: position 9 is in, position 10 is out', () => {
    const t0 = at('2026-01-01T10:00:00Z');
    const rows = bucketMetrics([imp('r', 'u', 'a', RECALL_K - 1, t0), imp('r', 'u', 'b', RECALL_K, t0)], new Set(['r|a', 'r|b']), dayKey);
    const total = rows.find((b) => b.modelVersion === ALL && b.category === ALL)!;
    expect([total.recallHits, total.recallClicks]).toEqual([1, 2]);
  });

  it('writes CSV with escaped cells and empty recall when nobody clicked', () => {
    const csv = formatMetricsCsv(
      [
        { period: '2026-01-01', series: 'FOOD, DRINK', impressions: 4, clicks: 1, readers: 2, ctr: 0.25, recall: 0.5, recallClicks: 2 },
        { period: '2026-01-02', series: '=cmd', impressions: 3, clicks: 0, readers: 1, ctr: 0, recall: null, recallClicks: 0 },
      ],
      'category',
    );
    expect(csv.split('\n')).toEqual([
      'period,category,impressions,clicks,ctr,recall_at_10,clicked_articles,readers',
      '2026-01-01,"FOOD, DRINK",4,1,0.250000,0.500000,2,2',
      "2026-01-02,'=cmd,3,0,0.000000,,0,1",
      '',
    ]);
  });

  it('lists the periods of a range', () => {
    expect(periodsBetween('2026-01-01', '2026-01-03', 'day')).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(periodsBetween('2026-01-01', '2026-01-01', 'hour')).toHaveLength(24);
  });
});

describe(`metric series from the database (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('reads days from the aggregates and hours from the logs, per version and category', async () => {
    const [a, b] = await seedArticles(t.db, 2);
    const user = await t.db.user.create({ data: { interests: [] } });
    const now = new Date();
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const imp = (requestId: string, articleId: string, modelVersion: string, position: number, createdAt: Date) => ({ requestId, articleId, modelVersion, position, userId: user.id, score: 0.5, createdAt });
    await t.db.impression.createMany({ data: [imp('s1', a!.id, 'v1', 0, now), imp('s1', b!.id, 'v1', 11, now), imp('s2', a!.id, 'v2', 0, hourAgo)] });
    await t.db.readerEvent.createMany({ data: [{ clientEventId: 's-c1', requestId: 's1', articleId: b!.id, userId: user.id, type: 'CLICK' }] });
    await aggregateDailyMetrics(t.db, { days: 2, now });

    const day = dayKey(now);
    const from = dayKey(hourAgo);
    const totals = await readMetricSeries(t.db, { from, to: day, granularity: 'day', by: 'total' });
    const todayRow = totals.find((r) => r.period === day)!;
    expect(todayRow).toMatchObject({ series: ALL, clicks: 1, recall: 0, recallClicks: 1 });

    const perVersion = await readMetricSeries(t.db, { from, to: day, granularity: 'day', by: 'modelVersion' });
    expect(new Set(perVersion.map((r) => r.series))).toEqual(new Set(['v1', 'v2']));
    const perCategory = await readMetricSeries(t.db, { from, to: day, granularity: 'day', by: 'category' });
    expect(perCategory.every((r) => r.series !== ALL)).toBe(true);

    const hourly = await readMetricSeries(t.db, { from, to: day, granularity: 'hour', by: 'total' });
    expect(hourly.map((r) => r.period)).toEqual([hourKey(hourAgo), hourKey(now)]);
    expect(hourly.reduce((s, r) => s + r.impressions, 0)).toBe(3);

    await expect(readMetricSeries(t.db, { from: '2026-01-01', to: '2026-02-01', granularity: 'hour', by: 'total' })).rejects.toThrow(/at most 7 days/);
  });
});
