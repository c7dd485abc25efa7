import { z } from 'zod';

import { countPoolCategories, feedDepsFor, findExplanation, findHiddenArticle, listFeed, readArticleTitles, recordSeen } from '@lede/domain/feed';
import { AppError, rateLimits } from '@lede/domain/shared';

import { createTRPCRouter, readerProcedure } from '../../trpc';
import { MAX_CONTRIBUTIONS, type TFeedPage, ZFeedListInput, ZFeedSeenInput, ZFeedWhy, ZFeedWhyInput } from './feed.schema';

export const feedRouter = createTRPCRouter({
  // The hottest procedure: its output is typed as ZFeedPage at compile time (and checked against it in
  // feed.test.ts) instead of being re-validated on every request, which cost ~6% of a cached feed request.
  // Explanations are not in the page (they were 60% of its bytes): feed.why serves one when asked.
  list: readerProcedure
    .input(ZFeedListInput)
    .query(async ({ ctx, input }): Promise<TFeedPage> => {
      const page = await listFeed(feedDepsFor(ctx.db), ctx.readerId, input);
      return {
        requestId: page.requestId,
        modelVersion: page.modelVersion,
        newSince: page.newSince,
        nextCursor: page.nextCursor,
        items: page.items.map(({ article, ranked, position, read }) => ({
          id: article.id,
          title: article.title,
          abstract: article.abstract,
          category: article.category,
          source: article.source,
          url: article.url,
          imageUrl: article.imageUrl,
          publishedAt: article.publishedAt,
          position,
          read,
          isNew: page.newSince !== null && article.publishedAt > page.newSince,
          score: ranked.score,
        })),
      };
    }),

  /** The score components of a served story and the reader's articles that drove it. */
  why: readerProcedure
    .input(ZFeedWhyInput)
    .output(ZFeedWhy)
    .query(async ({ ctx, input }) => {
      const deps = feedDepsFor(ctx.db);
      const found = await findExplanation(deps, ctx.readerId, input.requestId, input.articleId);
      if (!found) {
        // A story the newsroom hid since it was served: say so instead of a bare error.
        const hidden = await findHiddenArticle(ctx.db, input.articleId);
        if (hidden) return { category: hidden.category, components: null, contributions: [], because: [], removed: true };
        throw new AppError('NOT_FOUND', 'This story is no longer in your feed: reload the feed');
      }
      const titles = await readArticleTitles(ctx.db, deps.pool, found.ranked.because.map((b) => b.articleId), found.titles);
      return {
        category: found.article.category,
        components: found.ranked.components,
        contributions: found.ranked.contributions.slice(0, MAX_CONTRIBUTIONS),
        because: found.ranked.because.map((b) => ({ ...b, title: titles.get(b.articleId) ?? '' })),
        removed: false,
      };
    }),

  /** Impressions: the cards of a feed request that the reader actually saw. */
  seen: readerProcedure
    .input(ZFeedSeenInput)
    .output(z.object({ stored: z.number(), duplicates: z.number(), unknownArticles: z.number() }))
    .mutation(async ({ ctx, input }) => {
      await rateLimits().consume('seen', ctx.readerId, input.items.length);
      return recordSeen(feedDepsFor(ctx.db), ctx.readerId, input);
    }),

  /** Categories present in the candidate pool, most common first: the feed's tabs. */
  categories: readerProcedure.output(z.array(z.object({ name: z.string(), count: z.number() }))).query(({ ctx }) => countPoolCategories(feedDepsFor(ctx.db).pool)),
});
