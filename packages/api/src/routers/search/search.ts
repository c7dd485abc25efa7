import { z } from 'zod';

import { feedDepsFor, searchArticles } from '@lede/domain/feed';
import { DAY_MS, rateLimits } from '@lede/domain/shared';

import { createTRPCRouter, readerProcedure } from '../../trpc';
import { ZRange, ZSearchInput } from './search.schema';

const withinMs = { day: DAY_MS, week: 7 * DAY_MS, month: 30 * DAY_MS } as const;

export const searchRouter = createTRPCRouter({
  query: readerProcedure
    .input(ZSearchInput)
    .output(
      z.object({
        mode: z.enum(['semantic', 'keyword']),
        hits: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            abstract: z.string(),
            category: z.string(),
            source: z.string(),
            publishedAt: z.date(),
            similarity: z.number().nullable(),
            titleHighlights: z.array(ZRange),
            abstractHighlights: z.array(ZRange),
          }),
        ),
        offset: z.number().int(),
        more: z.boolean(),
      }),
    )
    .query(async ({ ctx, input }) => {
      await rateLimits().consume('search', ctx.readerId);
      const deps = feedDepsFor(ctx.db);
      const now = deps.now?.() ?? new Date();
      const since = input.within ? new Date(now.getTime() - withinMs[input.within]) : null;
      return searchArticles(deps, { ...input, since });
    }),
});
