import { z } from 'zod';

export const ZFeedListInput = z.object({
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
  category: z.string().max(64).nullish(),
});
export type TFeedListInput = z.infer<typeof ZFeedListInput>;

export const ZScoreComponents = z.object({
  semantic: z.number().nullable(),
  freshness: z.number(),
  popularity: z.number(),
  categoryAffinity: z.number(),
  diversityPenalty: z.number(),
  editorialBoost: z.number(),
  pinned: z.boolean(),
  final: z.number(),
});

export const ZFeedItem = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  category: z.string(),
  source: z.string(),
  url: z.string().nullable(),
  /** Lead image (http/https), null when the article has none. */
  imageUrl: z.string().nullable(),
  publishedAt: z.date(),
  position: z.number().int(),
  /** The reader opened it before (read stories follow the unread ones). */
  read: z.boolean(),
  /** Published since the reader's previous visit. */
  isNew: z.boolean(),
  score: z.number(),
});

/** "Why am I seeing this?": asked for when the reader opens it, so the feed page stays small. */
/** A feature's share of the ranking model's score (path attribution), largest first. */
export const ZContribution = z.object({ feature: z.string(), value: z.number(), contribution: z.number() });
/** How many contributions an explanation carries: the rest are small. */
export const MAX_CONTRIBUTIONS = 8;

export const ZFeedWhy = z.object({
  category: z.string(),
  /** Null when `removed`. */
  components: ZScoreComponents.nullable(),
  contributions: z.array(ZContribution),
  because: z.array(z.object({ articleId: z.string(), title: z.string(), weight: z.number() })),
  /** The editors hid the story after it was served: that is the answer. */
  removed: z.boolean(),
});

export const ZFeedWhyInput = z.object({ requestId: z.string().min(1).max(100), articleId: z.string().min(1).max(64) });

export const ZFeedPage = z.object({
  requestId: z.string(),
  modelVersion: z.string(),
  newSince: z.date().nullable(),
  items: z.array(ZFeedItem),
  nextCursor: z.string().nullable(),
});
export type TFeedPage = z.infer<typeof ZFeedPage>;

export const ZFeedSeenInput = z.object({
  requestId: z.string().min(1).max(100),
  items: z
    .array(z.object({ articleId: z.string().min(1).max(64), position: z.number().int().min(0).max(10_000) }))
    .min(1)
    .max(200),
});
export type TFeedSeenInput = z.infer<typeof ZFeedSeenInput>;
