import { z } from 'zod';

import { formatMetricsCsv, readDailyMetrics, readMetricSeries } from '@lede/domain/metrics';

import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZMetricSeriesInput = z.object({
  from: ZDay,
  to: ZDay,
  granularity: z.enum(['day', 'hour']).default('day'),
  by: z.enum(['total', 'modelVersion', 'category']).default('total'),
});
export type TMetricSeriesInput = z.input<typeof ZMetricSeriesInput>;

const ZMetricSeriesRow = z.object({
  period: z.string(),
  series: z.string(),
  impressions: z.number(),
  clicks: z.number(),
  readers: z.number(),
  ctr: z.number(),
  recall: z.number().nullable(),
  recallClicks: z.number(),
});

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
