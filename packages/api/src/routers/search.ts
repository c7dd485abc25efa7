import { z } from 'zod';

import { feedDepsFor, searchArticles } from '@lede/domain/feed';

import { createTRPCRouter, readerProcedure } from '../trpc';
import { ZRange, ZSearchInput } from './search.schema';

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
    .query(({ ctx, input }) => searchArticles(feedDepsFor(ctx.db), input)),
});
