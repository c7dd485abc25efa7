import { z } from 'zod';

import { ZRole } from '@lede/domain/readers';

import { ZContribution, ZScoreComponents } from '../../feed/feed.schema';

export const ZReaderRow = z.object({
  id: z.string(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  role: ZRole,
  isAnonymous: z.boolean(),
  createdAt: z.date(),
});

export const ZPreviewItem = z.object({
  articleId: z.string(),
  title: z.string(),
  category: z.string(),
  publishedAt: z.date(),
  score: z.number(),
  components: ZScoreComponents,
  contributions: z.array(ZContribution.extend({ label: z.string() })),
  because: z.array(z.object({ articleId: z.string(), title: z.string(), weight: z.number() })),
});

export const ZReaderId = z.string().min(1).max(200);
