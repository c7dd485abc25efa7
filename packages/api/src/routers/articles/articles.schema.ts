import { z } from 'zod';

export const ZArticle = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  body: z.string().nullable(),
  category: z.string(),
  subcategory: z.string().nullable(),
  source: z.string(),
  url: z.string().nullable(),
  imageUrl: z.string().nullable(),
  authors: z.string().nullable(),
  publishedAt: z.date(),
});
