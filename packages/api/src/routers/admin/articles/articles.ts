import { z } from 'zod';

import { feedDepsFor } from '@lede/domain/feed';
import {
  deleteDrafts, findNearestArticles, getArticleDetail, listArticles, listCategories, MAX_BULK_ARTICLES, publishDrafts, setArticlesStatus, updateArticleEditorial,
} from '@lede/domain/newsroom';

import { createTRPCRouter, editorProcedure } from '../../../trpc';
import { ZAdminArticleRow, ZAdminArticlesInput, ZArticleId, ZArticleUpdateInput } from './articles.schema';

/** A selection on the articles list: one page at most. */
const ZArticleSelection = z.object({ ids: z.array(ZArticleId).min(1).max(MAX_BULK_ARTICLES) });

export const adminArticlesRouter = createTRPCRouter({
  list: editorProcedure.input(ZAdminArticlesInput).output(z.object({ total: z.number(), rows: z.array(ZAdminArticleRow) })).query(({ ctx, input }) => listArticles(ctx.db, input)),

  categories: editorProcedure
    .input(z.object({}).default({}))
    .output(z.array(z.object({ category: z.string(), articles: z.number() })))
    .query(({ ctx }) => listCategories(ctx.db)),

  /** One article with its CTR and its nearest neighbours by the active encoder's stored vectors. */
  get: editorProcedure
    .input(z.object({ id: ZArticleId }))
    .output(
      ZAdminArticleRow.extend({
        abstract: z.string(),
        subcategory: z.string().nullable(),
        url: z.string().nullable(),
        updatedAt: z.date(),
        impressions: z.number(),
        clicks: z.number(),
        ctr: z.number(),
        encoderVersion: z.string().nullable(),
        neighbours: z.array(z.object({ articleId: z.string(), title: z.string(), category: z.string(), similarity: z.number() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const encoderVersion = feedDepsFor(ctx.db).encoderVersion();
      const [article, neighbours] = await Promise.all([getArticleDetail(ctx.db, input.id), findNearestArticles(ctx.db, input.id, encoderVersion)]);
      return { ...article, encoderVersion, neighbours };
    }),

  /** Hide/unhide (not a draft: publish it), pin until a time (null unpins), boost, re-categorise; each change is audited. */
  update: editorProcedure
    .input(ZArticleUpdateInput)
    .output(z.object({ changed: z.array(z.string()) }))
    .mutation(({ ctx, input }) => {
      const { id, ...patch } = input;
      return updateArticleEditorial(ctx.db, ctx.user.id, id, patch);
    }),

  /** Hides or unhides several articles (drafts are left alone); returns the ids that changed (each audited). */
  bulkStatus: editorProcedure
    .input(ZArticleSelection.extend({ status: z.enum(['PUBLISHED', 'HIDDEN']) }))
    .output(z.object({ changed: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => ({ changed: await setArticlesStatus(ctx.db, ctx.user.id, input.ids, input.status) })),

  /** Publishes drafts (one or many); returns the ids published (each audited). An unknown id is NOT_FOUND. */
  publish: editorProcedure
    .input(ZArticleSelection)
    .output(z.object({ published: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => ({ published: await publishDrafts(ctx.db, ctx.user.id, input.ids) })),

  /** Deletes drafts (only drafts); returns the ids deleted (each audited). An unknown id is NOT_FOUND. */
  deleteDrafts: editorProcedure
    .input(ZArticleSelection)
    .output(z.object({ deleted: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => ({ deleted: await deleteDrafts(ctx.db, ctx.user.id, input.ids) })),
});
