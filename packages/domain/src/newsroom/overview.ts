import { type Db } from '@lede/db';

import { readSystemStatus } from '../encoders/status';
import { ALL, dayKey } from '../metrics/daily-metrics';
import { apiEnv } from '../shared/env';
import { DAY_MS } from '../shared/time';

/**
 * The worker re-aggregates metrics every `LEDE_METRICS_INTERVAL_S` (60 s by default); no fresh aggregate for ten
 * minutes means it is down or stuck.
 */
export const WORKER_STALE_MS = 10 * 60_000;

export interface CtrWindow {
  impressions: number;
  clicks: number;
  ctr: number;
}

export interface NewsroomOverview {
  readers: { today: number; week: number };
  ctr: { today: CtrWindow; week: CtrWindow; previousWeek: CtrWindow };
  models: { id: string; trafficShare: number; promotedAt: Date | null }[];
  worker: { lastAggregateAt: Date | null; healthy: boolean };
  encoder: { model: string | null; device: string | null; reportedAt: Date | null; healthy: boolean };
  catalogue: { articles: number; published: number; inPool: number; withVector: number; sections: number; poolDays: number };
}

function sumCtr(rows: { impressions: number; clicks: number }[]): CtrWindow {
  const impressions = rows.reduce((s, r) => s + r.impressions, 0);
  const clicks = rows.reduce((s, r) => s + r.clicks, 0);
  return { impressions, clicks, ctr: impressions ? clicks / impressions : 0 };
}

async function countActiveReaders(db: Db, from: Date, to: Date): Promise<number> {
  const rows = await db.impression.findMany({ where: { createdAt: { gte: from, lt: to } }, distinct: ['userId'], select: { userId: true } });
  return rows.length;
}

/**
 * The newsroom's home: who reads (readers who were shown a feed today / in the last 7 days), CTR today, this
 * week and the week before from the worker's aggregates, the versions in service, worker and encoder health and
 * how much of the catalogue the feed can serve.
 */
export async function readNewsroomOverview(db: Db, now = new Date()): Promise<NewsroomOverview> {
  const todayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekStart = new Date(todayStart.getTime() - 6 * DAY_MS);
  const previousStart = new Date(weekStart.getTime() - 7 * DAY_MS);
  const poolFrom = new Date(now.getTime() - apiEnv.LEDE_POOL_DAYS * DAY_MS);
  const [today, week, daily, models, lastAggregate, status, articles, published, inPool, sections] = await Promise.all([
    countActiveReaders(db, todayStart, now),
    countActiveReaders(db, weekStart, now),
    db.dailyMetric.findMany({
      where: { modelVersion: ALL, category: ALL, day: { gte: dayKey(previousStart), lte: dayKey(now) } },
      orderBy: { day: 'asc' },
      select: { day: true, impressions: true, clicks: true },
    }),
    db.modelVersion.findMany({ where: { status: 'ACTIVE' }, orderBy: { trafficShare: 'desc' }, select: { id: true, trafficShare: true, promotedAt: true } }),
    db.dailyMetric.findFirst({ orderBy: { updatedAt: 'desc' }, select: { updatedAt: true } }),
    readSystemStatus(db),
    db.article.count(),
    db.article.count({ where: { status: 'PUBLISHED' } }),
    db.article.count({ where: { status: 'PUBLISHED', publishedAt: { gte: poolFrom, lte: now } } }),
    db.article.groupBy({ by: ['category'], where: { status: 'PUBLISHED' } }),
  ]);
  const weekFrom = dayKey(weekStart);
  const lastAggregateAt = lastAggregate?.updatedAt ?? null;
  const worker = status.encoder.worker;
  return {
    readers: { today, week },
    ctr: {
      today: sumCtr(daily.filter((r) => r.day === dayKey(now))),
      week: sumCtr(daily.filter((r) => r.day >= weekFrom)),
      previousWeek: sumCtr(daily.filter((r) => r.day < weekFrom)),
    },
    models,
    worker: { lastAggregateAt, healthy: lastAggregateAt !== null && now.getTime() - lastAggregateAt.getTime() < WORKER_STALE_MS },
    encoder: {
      model: status.encoder.serving?.model ?? null,
      device: worker?.device ?? null,
      reportedAt: worker?.reportedAt ?? null,
      healthy: status.encoder.serving !== null && status.encoder.serving.coverage.withVector > 0,
    },
    catalogue: { articles, published, inPool, withVector: status.encoder.serving?.coverage.withVector ?? 0, sections: sections.length, poolDays: apiEnv.LEDE_POOL_DAYS },
  };
}
