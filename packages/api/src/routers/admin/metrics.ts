import { z } from 'zod';

import { formatMetricsCsv, readDailyMetrics, readMetricSeries } from '@lede/domain/metrics';

import { adminProcedure, createTRPCRouter } from '../../trpc';
import { ZDay, ZMetricSeriesInput, ZMetricSeriesRow } from './metrics.schema';

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

  /** The same series as CSV text. */
  exportCsv: adminProcedure
    .input(ZMetricSeriesInput)
    .output(z.string())
    .query(async ({ ctx, input }) => formatMetricsCsv(await readMetricSeries(ctx.db, input), input.by)),
});
