import { z } from 'zod';

/** DRAFT: imported as a draft and not published yet (not served to readers). */
export const ZArticleStatus = z.enum(['PUBLISHED', 'HIDDEN', 'DRAFT']);

export const ZAdminArticlesInput = z.object({
  query: z.string().max(200).optional(),
  category: z.string().max(64).optional(),
  status: ZArticleStatus.optional(),
  pinned: z.boolean().optional(),
  /** Only the articles one import created (the import history's link). */
  importId: z.string().min(1).max(100).optional(),
  page: z.number().int().min(0).max(10_000).default(0),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const ZAdminArticleRow = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  source: z.string(),
  publishedAt: z.date(),
  status: ZArticleStatus,
  pinnedUntil: z.date().nullable(),
  boost: z.number(),
  importId: z.string().nullable(),
});

export const ZArticleId = z.string().min(1).max(200);

export const ZArticleUpdateInput = z.object({
  id: ZArticleId,
  status: z.enum(['PUBLISHED', 'HIDDEN']).optional(),
  pinnedUntil: z.date().nullable().optional(),
  boost: z.number().min(0).max(5).optional(),
  category: z.string().min(1).max(64).optional(),
});
