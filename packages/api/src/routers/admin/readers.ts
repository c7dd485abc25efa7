import { z } from 'zod';

import { feedDepsFor } from '@lede/domain/feed';
import { BASELINE_VERSION } from '@lede/domain/model-versions';
import { findReaders, getReaderOverview, previewReaderFeed } from '@lede/domain/newsroom';
import { AppError } from '@lede/domain/shared';

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
    .query(async ({ ctx, input }) => {
      const deps = feedDepsFor(ctx.db);
      const named = input.versions.filter((v) => v !== BASELINE_VERSION);
      const known = new Set((await ctx.db.modelVersion.findMany({ where: { id: { in: named } }, select: { id: true } })).map((v) => v.id));
      const unknown = named.filter((v) => !known.has(v));
      if (unknown.length) throw new AppError('NOT_FOUND', `No model version ${unknown.join(', ')}`);
      const versions = input.versions.length ? input.versions : [await deps.models.versionFor(input.id)];
      return Promise.all(versions.map(async (version) => ({ version, items: await previewReaderFeed(deps, input.id, version, { limit: input.limit }) })));
    }),
});
