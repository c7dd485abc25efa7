import { z } from 'zod';

import { feedDepsFor } from '../services/runtime';
import { searchArticles } from '../services/search';
import { createTRPCRouter, readerProcedure } from '../trpc';

export const ZSearchInput = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(50).default(20),
  offset: z.number().int().min(0).max(180).default(0),
  section: z.string().max(64).nullish(),
  /** Published within the last day, week or month. */
  within: z.enum(['day', 'week', 'month']).nullish(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
});
export type TSearchInput = z.infer<typeof ZSearchInput>;

const withinMs = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;

const ZRange = z.tuple([z.number().int(), z.number().int()]);

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
