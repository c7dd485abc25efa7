import { z } from 'zod';

import { logEvents, ZLogEventsInput } from '@lede/domain/readers';
import { rateLimits } from '@lede/domain/shared';

import { createTRPCRouter, readerProcedure } from '../../trpc';

export const eventsRouter = createTRPCRouter({
  log: readerProcedure
    .input(ZLogEventsInput)
    .output(z.object({ stored: z.number(), duplicates: z.number(), unknownArticles: z.number() }))
    .mutation(async ({ ctx, input }) => {
      await rateLimits().consume('events', ctx.readerId, input.events.length);
      return logEvents(ctx.db, ctx.readerId, input.events);
    }),
});
