import { z } from 'zod';

import { createTRPCRouter, editorProcedure } from '../../trpc';

export const ZAdminArticlesInput = z.object({
  query: z.string().max(200).optional(),
  category: z.string().max(64).optional(),
  status: z.enum(['PUBLISHED', 'HIDDEN']).optional(),
  page: z.number().int().min(0).max(10_000).default(0),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const ZAdminArticleRow = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  source: z.string(),
  publishedAt: z.date(),
  status: z.enum(['PUBLISHED', 'HIDDEN']),
  pinnedUntil: z.date().nullable(),
  boost: z.number(),
});

export const adminArticlesRouter = createTRPCRouter({
  list: editorProcedure.input(ZAdminArticlesInput).output(z.object({ total: z.number(), rows: z.array(ZAdminArticleRow) })).query(async ({ ctx, input }) => {
    const where = {
      ...(input.query ? { title: { contains: input.query } } : {}),
      ...(input.category ? { category: input.category } : {}),
      ...(input.status ? { status: input.status } : {}),
    };
    const [total, rows] = await Promise.all([
      ctx.db.article.count({ where }),
      ctx.db.article.findMany({
        where,
        orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
        skip: input.page * input.pageSize,
        take: input.pageSize,
        select: {
          id: true, title: true, category: true, source: true, publishedAt: true, status: true,
          pinnedUntil: true, boost: true,
        },
      }),
    ]);
    return { total, rows };
  }),
});
