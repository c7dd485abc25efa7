import { type Db } from '@lede/db';

export const ALL = '*';
const DAY_MS = 86_400_000;

export function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

interface Bucket {
  impressions: number;
  clicks: number;
  readers: Set<string>;
}

/**
 * Recomputes the daily aggregates (per model version × category, with "*" totals) for the last `days` UTC
 * days. A click counts when it answers an impression (same request and article), once per impression, so
 * CTR = clicked impressions / impressions.
 */
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
  const end = new Date(start.getTime() + DAY_MS);
  const impressions = await db.impression.findMany({
    where: { createdAt: { gte: start, lt: end } },
    select: { requestId: true, articleId: true, userId: true, modelVersion: true, article: { select: { category: true } } },
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

  const buckets = new Map<string, Bucket>();
  const add = (version: string, category: string, userId: string, click: boolean) => {
    const key = `${version}\u0000${category}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { impressions: 0, clicks: 0, readers: new Set() }));
    b.impressions++;
    if (click) b.clicks++;
    b.readers.add(userId);
  };
  for (const imp of impressions) {
    const click = clicked.has(`${imp.requestId}|${imp.articleId}`);
    for (const version of [imp.modelVersion, ALL]) {
      for (const category of [imp.article.category, ALL]) add(version, category, imp.userId, click);
    }
  }

  const day = dayKey(start);
  const data = [...buckets].map(([key, b]) => {
    const [modelVersion, category] = key.split('\u0000') as [string, string];
    return { day, modelVersion, category, impressions: b.impressions, clicks: b.clicks, readers: b.readers.size };
  });
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
