import { z } from 'zod';

import { formatMetricsCsv, readAbReadout, readDailyMetrics, readMetricSeries } from '@lede/domain/metrics';
import { readNewsroomOverview } from '@lede/domain/newsroom';

import { adminProcedure, createTRPCRouter } from '../../../trpc';
import { ZAbReadout, ZDay, ZMetricSeriesInput, ZMetricSeriesRow, ZNewsroomOverview } from './metrics.schema';

export const adminMetricsRouter = createTRPCRouter({
  /** Impressions, clicks and CTR per day (all model versions, all categories), from the worker's aggregates. */
  daily: adminProcedure
    .input(z.object({ from: ZDay.optional(), to: ZDay.optional() }).default({}))
    .output(z.array(z.object({ day: z.string(), impressions: z.number(), clicks: z.number(), readers: z.number(), ctr: z.number(), updatedAt: z.date() })))
    .query(({ ctx, input }) => readDailyMetrics(ctx.db, input)),

  /** CTR, Recall@K and volumes per day or hour, as totals or per model version (A/B arm) or category. */
  series: adminProcedure
    .input(ZMetricSeriesInput)
    .output(z.array(ZMetricSeriesRow))
    .query(({ ctx, input }) => readMetricSeries(ctx.db, input)),

  /** The newsroom's home: active readers, CTR windows, versions in service, worker/encoder health, catalogue. */
  overview: adminProcedure
    .input(z.object({}).default({}))
    .output(ZNewsroomOverview)
    .query(({ ctx }) => readNewsroomOverview(ctx.db)),

  /** Per A/B arm: impressions, clicks, CTR with a 95% interval and a z-test against the reference arm. */
  abReadout: adminProcedure
    .input(z.object({ from: ZDay, to: ZDay }))
    .output(ZAbReadout)
    .query(({ ctx, input }) => readAbReadout(ctx.db, input)),

  /** The same series as CSV text. */
  exportCsv: adminProcedure
    .input(ZMetricSeriesInput)
    .output(z.string())
    .query(async ({ ctx, input }) => formatMetricsCsv(await readMetricSeries(ctx.db, input), input.by)),
});
