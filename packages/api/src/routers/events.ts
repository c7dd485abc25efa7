import { z } from 'zod';

import { logEvents, ZLogEventsInput } from '@lede/domain/readers';

import { createTRPCRouter, readerProcedure } from '../trpc';

export const eventsRouter = createTRPCRouter({
  log: readerProcedure
    .input(ZLogEventsInput)
    .output(z.object({ stored: z.number(), duplicates: z.number(), unknownArticles: z.number() }))
    .mutation(({ ctx, input }) => logEvents(ctx.db, ctx.readerId, input.events)),
});
