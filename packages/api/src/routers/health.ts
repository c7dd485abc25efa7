import { z } from 'zod';

import { createTRPCRouter, publicProcedure } from '../trpc';

export const healthRouter = createTRPCRouter({
  /** Trivial procedure: liveness probe, and the baseline the feed benchmark compares against. */
  ping: publicProcedure.output(z.object({ ok: z.literal(true), t: z.number() })).query(() => ({ ok: true as const, t: Date.now() })),
});
