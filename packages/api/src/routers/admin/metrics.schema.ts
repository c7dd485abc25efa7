import { z } from 'zod';

export const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZMetricSeriesInput = z.object({
  from: ZDay,
  to: ZDay,
  granularity: z.enum(['day', 'hour']).default('day'),
  by: z.enum(['total', 'modelVersion', 'category']).default('total'),
});
export type TMetricSeriesInput = z.input<typeof ZMetricSeriesInput>;

export const ZMetricSeriesRow = z.object({
  period: z.string(),
  series: z.string(),
  impressions: z.number(),
  clicks: z.number(),
  readers: z.number(),
  ctr: z.number(),
  recall: z.number().nullable(),
  recallClicks: z.number(),
});
