import { z } from 'zod';

import { readDailyMetrics } from '../../services/metrics';
import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const adminMetricsRouter = createTRPCRouter({
  /** Impressions, clicks and CTR per day (all model versions, all categories), from the worker's aggregates. */
  daily: adminProcedure
    .input(z.object({ from: ZDay.optional(), to: ZDay.optional() }).default({}))
    .output(z.array(z.object({ day: z.string(), impressions: z.number(), clicks: z.number(), readers: z.number(), ctr: z.number(), updatedAt: z.date() })))
    .query(({ ctx, input }) => readDailyMetrics(ctx.db, input)),
});
