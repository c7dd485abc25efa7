import { z } from 'zod';

import { feedDepsFor, searchArticles } from '@lede/domain/feed';

import { createTRPCRouter, readerProcedure } from '../trpc';
import { ZRange, ZSearchInput } from './search.schema';

const withinMs = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;

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
    .query(({ ctx, input }) => {
      const deps = feedDepsFor(ctx.db);
      const now = deps.now?.() ?? new Date();
      const since = input.within ? new Date(now.getTime() - withinMs[input.within]) : null;
      return searchArticles(deps, { ...input, since });
    }),
});
