import { z } from 'zod';

import { feedDepsFor } from '@lede/domain/feed';
import { findReaders, getReaderOverview, previewReaderFeeds } from '@lede/domain/newsroom';

import { createTRPCRouter, editorProcedure } from '../../trpc';
import { ZPreviewItem, ZReaderId, ZReaderRow } from './readers.schema';

export const adminReadersRouter = createTRPCRouter({
  /** By id, external id (`sim:12`) or email. */
  search: editorProcedure
    .input(z.object({ query: z.string().max(200) }))
    .output(z.array(ZReaderRow))
    .query(({ ctx, input }) => findReaders(ctx.db, input.query)),

  get: editorProcedure
    .input(z.object({ id: ZReaderId }))
    .output(
      ZReaderRow.extend({
        lastVisitAt: z.date().nullable(),
        interests: z.array(z.string()),
        impressions: z.number(),
        clicks: z.number(),
        history: z.array(z.object({ clickedAt: z.date(), articleId: z.string(), title: z.string(), category: z.string() })),
        categories: z.array(z.object({ category: z.string(), clicks: z.number() })),
      }),
    )
    .query(({ ctx, input }) => getReaderOverview(ctx.db, input.id)),

  /**
   * The feed the reader would get now, with score components, under one or two model versions (the reader's
   * own arm when none is named). Logs no impressions.
   */
  feed: editorProcedure
    .input(z.object({ id: ZReaderId, versions: z.array(z.string().min(1).max(200)).max(2).default([]), limit: z.number().int().min(1).max(100).default(20) }))
    .output(z.array(z.object({ version: z.string(), items: z.array(ZPreviewItem) })))
    .query(({ ctx, input }) => previewReaderFeeds(feedDepsFor(ctx.db), input.id, input.versions, input.limit)),
});
