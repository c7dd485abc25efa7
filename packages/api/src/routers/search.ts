import { z } from 'zod';

import { feedDepsFor } from '../services/runtime';
import { searchArticles } from '../services/search';
import { rateLimits } from '../services/security/rate-limits';
import { createTRPCRouter, readerProcedure } from '../trpc';

export const ZSearchInput = z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).default(20) });

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
      }),
    )
    .query(async ({ ctx, input }) => {
      await rateLimits().consume('search', ctx.readerId);
      return searchArticles(feedDepsFor(ctx.db), input);
    }),
});
