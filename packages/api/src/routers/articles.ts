import { z } from 'zod';

import { AppError } from '../errors';
import { findRelatedArticles } from '../services/related';
import { feedDepsFor } from '../services/runtime';
import { createTRPCRouter, readerProcedure } from '../trpc';

export const ZArticle = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  body: z.string().nullable(),
  category: z.string(),
  subcategory: z.string().nullable(),
  source: z.string(),
  url: z.string().nullable(),
  imageUrl: z.string().nullable(),
  authors: z.string().nullable(),
  publishedAt: z.date(),
});

export const articlesRouter = createTRPCRouter({
  get: readerProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(ZArticle)
    .query(async ({ ctx, input }) => {
      const article = await ctx.db.article.findUnique({ where: { id: input.id } });
      if (!article || article.status === 'HIDDEN') throw new AppError('NOT_FOUND', 'No such article');
      return ZArticle.parse(article);
    }),

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
