import { z } from 'zod';

import { feedDepsFor } from '@lede/domain/feed';
import { findReaders, getReaderOverview, listReaders, previewReaderFeeds, READER_KINDS, recordAudit } from '@lede/domain/newsroom';

import { createTRPCRouter, editorProcedure } from '../../../trpc';
import { ZPreviewItem, ZReaderId, ZReaderRow } from './readers.schema';

export const adminReadersRouter = createTRPCRouter({
  /** A page of readers by kind, most recently seen first, optionally matching a piece of id or email. */
  list: editorProcedure
    .input(z.object({ query: z.string().max(200).default(''), kind: z.enum(READER_KINDS).default('all'), page: z.number().int().min(1).max(10_000).default(1), pageSize: z.number().int().min(1).max(200).default(50) }))
    .output(z.object({ rows: z.array(ZReaderRow.extend({ lastVisitAt: z.date().nullable() })), total: z.number(), page: z.number(), pageSize: z.number() }))
    .query(({ ctx, input }) => listReaders(ctx.db, input)),

  /** By a piece of the id, external id (`sim:12`) or email. */
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
    .query(async ({ ctx, input }) => {
      const overview = await getReaderOverview(ctx.db, input.id);
      // A staff member looking at a reader's email and reading history is itself on the record.
      await recordAudit(ctx.db, { actorId: ctx.user.id, action: 'reader.view', target: input.id });
      return overview;
    }),

  /**
   * The feed the reader would get now, with score components, under one or two model versions (the reader's
   * own arm when none is named). Logs no impressions.
   */
  feed: editorProcedure
    .input(z.object({ id: ZReaderId, versions: z.array(z.string().min(1).max(200)).max(2).default([]), limit: z.number().int().min(1).max(100).default(20) }))
    .output(z.array(z.object({ version: z.string(), items: z.array(ZPreviewItem) })))
    .query(({ ctx, input }) => previewReaderFeeds(feedDepsFor(ctx.db), input.id, input.versions, input.limit)),
});
