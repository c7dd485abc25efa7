import { type Db } from '@lede/db';

import { AppError } from '../shared/errors';
import { DAY_MS, HOUR_MS } from '../shared/time';

export const ALL = '*';
/** Recall@K's K: a feed's first screen and a bit (the reader app shows 10 stories per page on a phone). */
export const RECALL_K = 10;
/** Hourly buckets are computed from the raw logs on each request, so their range is kept short. */
export const MAX_HOURLY_DAYS = 7;

export function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH` (UTC): the key of an hourly bucket. */
export function hourKey(d: Date): string {
  return d.toISOString().slice(0, 13);
}

interface Bucket {
  impressions: number;
  clicks: number;
  readers: Set<string>;
  recallHits: number;
  recallClicks: number;
}

export interface MetricBucket {
  period: string;
  modelVersion: string;
  category: string;
  impressions: number;
  clicks: number;
  readers: number;
  recallHits: number;
  recallClicks: number;
}

interface ImpressionRow {
  requestId: string;
  articleId: string;
  userId: string;
  modelVersion: string;
  position: number;
  createdAt: Date;
  article: { category: string };
}

async function loadWindow(db: Db, start: Date, end: Date) {
  const impressions: ImpressionRow[] = await db.impression.findMany({
    where: { createdAt: { gte: start, lt: end } },
    select: { requestId: true, articleId: true, userId: true, modelVersion: true, position: true, createdAt: true, article: { select: { category: true } } },
  });
  const requestIds = [...new Set(impressions.map((i) => i.requestId))];
  const clicked = new Set<string>();
  for (let i = 0; i < requestIds.length; i += 500) {
    const clicks = await db.readerEvent.findMany({
      where: { type: 'CLICK', requestId: { in: requestIds.slice(i, i + 500) } },
      select: { requestId: true, articleId: true },
    });
    for (const c of clicks) clicked.add(`${c.requestId}|${c.articleId}`);
  }
  return { impressions, clicked };
}

/**
 * Buckets impressions by period (`periodOf`) × model version × category, with "*" totals on both axes.
 *
 * CTR: a click counts when it answers an impression (same request and article), once per impression, so
 * CTR = clicked impressions / impressions.
 *
 * Recall@K, per reader and period: of the distinct articles the reader clicked (from an impression) in the
 * period, the share that were shown to them at a feed position below K (positions are 0-based, so the first
 * K cards of a feed request) in any of their impressions of the same period. Buckets add up numerators
 * (`recallHits`) and denominators (`recallClicks`) over readers, so Recall@K = Σ hits / Σ clicked articles: a
 * micro-average in which a reader who clicks more weighs more. A clicked article is attributed to the model
 * version and category of the impression that was clicked (the first one, if it was clicked twice).
 */
export function bucketMetrics(impressions: ImpressionRow[], clicked: ReadonlySet<string>, periodOf: (d: Date) => string): MetricBucket[] {
  const buckets = new Map<string, Bucket>();
  const bucket = (period: string, version: string, category: string) => {
    const key = `${period}\u0000${version}\u0000${category}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { impressions: 0, clicks: 0, readers: new Set(), recallHits: 0, recallClicks: 0 }));
    return b;
  };
  const topK = new Set<string>();
  const clickedArticles = new Map<string, ImpressionRow>();
  for (const imp of impressions) {
    const period = periodOf(imp.createdAt);
    const click = clicked.has(`${imp.requestId}|${imp.articleId}`);
    const readerKey = `${period}|${imp.userId}|${imp.articleId}`;
    if (imp.position < RECALL_K) topK.add(readerKey);
    if (click && !clickedArticles.has(readerKey)) clickedArticles.set(readerKey, imp);
    for (const version of [imp.modelVersion, ALL]) {
      for (const category of [imp.article.category, ALL]) {
        const b = bucket(period, version, category);
        b.impressions++;
        if (click) b.clicks++;
        b.readers.add(imp.userId);
      }
    }
  }
  for (const [readerKey, imp] of clickedArticles) {
    const hit = topK.has(readerKey);
    for (const version of [imp.modelVersion, ALL]) {
      for (const category of [imp.article.category, ALL]) {
        const b = bucket(periodOf(imp.createdAt), version, category);
        b.recallClicks++;
        if (hit) b.recallHits++;
      }
    }
  }
  return [...buckets].map(([key, b]) => {
    const [period, modelVersion, category] = key.split('\u0000') as [string, string, string];
    return { period, modelVersion, category, impressions: b.impressions, clicks: b.clicks, readers: b.readers.size, recallHits: b.recallHits, recallClicks: b.recallClicks };
  });
}

/** Recomputes the daily aggregates (see `bucketMetrics`) for the last `days` UTC days. */
export async function aggregateDailyMetrics(db: Db, { days = 2, now = new Date() }: { days?: number; now?: Date } = {}) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let rows = 0;
  for (let d = days - 1; d >= 0; d--) {
    const start = new Date(today - d * DAY_MS);
    rows += await aggregateDay(db, start);
  }
  return { days, rows };
}

async function aggregateDay(db: Db, start: Date): Promise<number> {
  const { impressions, clicked } = await loadWindow(db, start, new Date(start.getTime() + DAY_MS));
  const day = dayKey(start);
  const data = bucketMetrics(impressions, clicked, () => day).map(({ period, ...rest }) => ({ day: period, ...rest }));
  await db.$transaction([db.dailyMetric.deleteMany({ where: { day } }), db.dailyMetric.createMany({ data })]);
  return data.length;
}

/** Totals per day for the admin's overview. */
export async function readDailyMetrics(db: Db, range: { from?: string; to?: string }) {
  const rows = await db.dailyMetric.findMany({
    where: { modelVersion: ALL, category: ALL, day: { gte: range.from ?? '0000-00-00', lte: range.to ?? '9999-99-99' } },
    orderBy: { day: 'asc' },
    select: { day: true, impressions: true, clicks: true, readers: true, updatedAt: true },
  });
  return rows.map((r) => ({ ...r, ctr: r.impressions ? r.clicks / r.impressions : 0 }));
}

export type MetricDimension = 'total' | 'modelVersion' | 'category';
export type MetricGranularity = 'day' | 'hour';

export interface MetricSeriesQuery {
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  from: string;
  to: string;
  granularity: MetricGranularity;
  /** Totals, one series per model version (= A/B arm), or one per category. */
  by: MetricDimension;
}

export interface MetricSeriesRow {
  period: string;
  series: string;
  impressions: number;
  clicks: number;
  readers: number;
  ctr: number;
  /** Null when nobody clicked in the bucket. */
  recall: number | null;
  recallClicks: number;
}

function keepFor(by: MetricDimension) {
  return (r: { modelVersion: string; category: string }) =>
    by === 'total' ? r.modelVersion === ALL && r.category === ALL : by === 'modelVersion' ? r.modelVersion !== ALL && r.category === ALL : r.modelVersion === ALL && r.category !== ALL;
}

function toSeriesRow(by: MetricDimension, r: MetricBucket): MetricSeriesRow {
  return {
    period: r.period,
    series: by === 'modelVersion' ? r.modelVersion : by === 'category' ? r.category : ALL,
    impressions: r.impressions,
    clicks: r.clicks,
    readers: r.readers,
    ctr: r.impressions ? r.clicks / r.impressions : 0,
    recall: r.recallClicks ? r.recallHits / r.recallClicks : null,
    recallClicks: r.recallClicks,
  };
}

/**
 * CTR, Recall@K and volumes over time for the admin's charts: days from the worker's `DailyMetric` rows, hours
 * computed on the fly from the logs (at most `MAX_HOURLY_DAYS` days), never past `now`: simulated and imported
 * logs can carry timestamps later today, which showed as buckets for 22:00 and 23:00 at 21:40.
 */
export async function readMetricSeries(db: Db, q: MetricSeriesQuery, now = new Date()): Promise<MetricSeriesRow[]> {
  if (q.from > q.to) throw new AppError('BAD_REQUEST', 'The range starts after it ends');
  const keep = keepFor(q.by);
  let rows: MetricBucket[];
  if (q.granularity === 'day') {
    const stored = await db.dailyMetric.findMany({
      where: { day: { gte: q.from, lte: q.to } },
      orderBy: [{ day: 'asc' }, { modelVersion: 'asc' }, { category: 'asc' }],
    });
    rows = stored.map((r) => ({ ...r, period: r.day }));
  } else {
    const start = new Date(`${q.from}T00:00:00Z`);
    const end = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS);
    if (end.getTime() - start.getTime() > MAX_HOURLY_DAYS * DAY_MS) {
      throw new AppError('BAD_REQUEST', `Hourly metrics cover at most ${MAX_HOURLY_DAYS} days: pick a shorter range or daily buckets`);
    }
    const { impressions, clicked } = await loadWindow(db, start, new Date(Math.min(end.getTime(), now.getTime())));
    rows = bucketMetrics(impressions, clicked, hourKey).sort((a, b) => a.period.localeCompare(b.period) || a.modelVersion.localeCompare(b.modelVersion) || a.category.localeCompare(b.category));
  }
  return rows.filter(keep).map((r) => toSeriesRow(q.by, r));
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  // Quote what needs it, and defuse spreadsheet formulas (a category could start with "=").
  const safe = /^[=+\-@]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The series as CSV (header row, then one row per period × series). */
export function formatMetricsCsv(rows: MetricSeriesRow[], by: MetricDimension): string {
  const header = ['period', by === 'total' ? 'series' : by, 'impressions', 'clicks', 'ctr', `recall_at_${RECALL_K}`, 'clicked_articles', 'readers'];
  const lines = rows.map((r) =>
    [r.period, r.series, r.impressions, r.clicks, r.ctr.toFixed(6), r.recall === null ? null : r.recall.toFixed(6), r.recallClicks, r.readers].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

/** Buckets in a day range up to `now`, for charts that need empty hours shown as gaps rather than skipped. */
export function periodsBetween(from: string, to: string, granularity: MetricGranularity, now = new Date()): string[] {
  const out: string[] = [];
  const step = granularity === 'day' ? DAY_MS : HOUR_MS;
  const end = Math.min(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS, now.getTime() + 1);
  for (let t = new Date(`${from}T00:00:00Z`).getTime(); t < end && out.length < 24 * 400; t += step) {
    out.push(granularity === 'day' ? dayKey(new Date(t)) : hourKey(new Date(t)));
  }
  return out;
}
