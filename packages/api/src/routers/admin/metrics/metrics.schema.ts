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

const ZCtrWindow = z.object({ impressions: z.number(), clicks: z.number(), ctr: z.number() });

export const ZNewsroomOverview = z.object({
  readers: z.object({ today: z.number(), week: z.number() }),
  ctr: z.object({ today: ZCtrWindow, week: ZCtrWindow, previousWeek: ZCtrWindow }),
  models: z.array(z.object({ id: z.string(), trafficShare: z.number(), promotedAt: z.date().nullable() })),
  worker: z.object({ lastAggregateAt: z.date().nullable(), healthy: z.boolean() }),
  encoder: z.object({ model: z.string().nullable(), device: z.string().nullable(), reportedAt: z.date().nullable(), healthy: z.boolean() }),
  catalogue: z.object({ articles: z.number(), published: z.number(), inPool: z.number(), withVector: z.number(), sections: z.number(), poolDays: z.number() }),
});

const ZTest = z.object({ difference: z.number(), z: z.number(), pValue: z.number().nullable(), significant: z.boolean() });

export const ZAbReadout = z.object({
  from: z.string(),
  to: z.string(),
  reference: z.string().nullable(),
  arms: z.array(
    z.object({
      modelVersion: z.string(),
      label: z.string(),
      imported: z.boolean(),
      trafficShare: z.number(),
      impressions: z.number(),
      clicks: z.number(),
      ctr: z.number(),
      ctr95: z.object({ low: z.number(), high: z.number() }),
      versusReference: ZTest.nullable(),
    }),
  ),
  daily: z.array(z.object({ day: z.string(), modelVersion: z.string(), impressions: z.number(), clicks: z.number(), ctr: z.number() })),
});
