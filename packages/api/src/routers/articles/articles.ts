import { z } from 'zod';

import { feedDepsFor, findRelatedArticles, getPublishedArticle } from '@lede/domain/feed';

import { createTRPCRouter, readerProcedure } from '../../trpc';
import { ZArticle } from './articles.schema';

export const articlesRouter = createTRPCRouter({
  get: readerProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(ZArticle)
    .query(async ({ ctx, input }) => ZArticle.parse(await getPublishedArticle(ctx.db, input.id))),

  /** Nearest neighbours by embedding; same category and recency when there are no vectors. */
  related: readerProcedure
    .input(z.object({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(20).default(5) }))
    .output(
      z.array(
        z.object({ id: z.string(), title: z.string(), category: z.string(), source: z.string(), publishedAt: z.date(), similarity: z.number().nullable() }),
      ),
    )
    .query(({ ctx, input }) => findRelatedArticles(feedDepsFor(ctx.db), input.id, input.limit)),
});
