import { z } from 'zod';

import {
  listHistory,
  listMuted,
  listSaved,
  readArticleState,
  readSections,
  saveArticle,
  setSection,
  unmuteArticle,
  unsaveArticle,
} from '@lede/domain/readers';
import { createTRPCRouter, readerProcedure } from '../../trpc';

const ZArticleId = z.object({ articleId: z.string().min(1).max(64) });
export const ZLibraryPageInput = z.object({ limit: z.number().int().min(1).max(50).default(20), offset: z.number().int().min(0).max(10_000).default(0) });

/** A story in the reader's lists: when it was saved, read or muted (`at`). */
export const ZLibraryStory = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  category: z.string(),
  source: z.string(),
  imageUrl: z.string().nullable(),
  publishedAt: z.date(),
  at: z.date(),
});
const ZLibraryPage = z.object({ items: z.array(ZLibraryStory), more: z.boolean() });
const ZSections = z.object({ followed: z.array(z.string()), hidden: z.array(z.string()) });
export const ZSetSectionInput = z
  .object({ section: z.string().trim().min(1).max(64), follow: z.boolean().optional(), hide: z.boolean().optional() })
  .refine((v) => v.follow !== undefined || v.hide !== undefined, 'say follow or hide');

/** The reader's own library: saved stories, reading history, "Not interested", followed and hidden sections. */
export const libraryRouter = createTRPCRouter({
  saved: readerProcedure.input(ZLibraryPageInput).output(ZLibraryPage).query(({ ctx, input }) => listSaved(ctx.db, ctx.readerId, input)),
  save: readerProcedure.input(ZArticleId).output(z.object({ saved: z.boolean() })).mutation(({ ctx, input }) => saveArticle(ctx.db, ctx.readerId, input.articleId)),
  unsave: readerProcedure.input(ZArticleId).output(z.object({ saved: z.boolean() })).mutation(({ ctx, input }) => unsaveArticle(ctx.db, ctx.readerId, input.articleId)),
  history: readerProcedure.input(ZLibraryPageInput).output(ZLibraryPage).query(({ ctx, input }) => listHistory(ctx.db, ctx.readerId, input)),
  muted: readerProcedure.output(z.array(ZLibraryStory)).query(({ ctx }) => listMuted(ctx.db, ctx.readerId)),
  unmute: readerProcedure.input(ZArticleId).output(z.object({ muted: z.boolean() })).mutation(({ ctx, input }) => unmuteArticle(ctx.db, ctx.readerId, input.articleId)),
  sections: readerProcedure.output(ZSections).query(({ ctx }) => readSections(ctx.db, ctx.readerId)),
  /** Follow / unfollow a section, or hide it from "For you" / show it again. */
  setSection: readerProcedure.input(ZSetSectionInput).output(ZSections).mutation(({ ctx, input }) => setSection(ctx.db, ctx.readerId, input)),
  articleState: readerProcedure
    .input(ZArticleId)
    .output(z.object({ saved: z.boolean(), section: z.string(), following: z.boolean() }))
    .query(({ ctx, input }) => readArticleState(ctx.db, ctx.readerId, input.articleId)),
});
