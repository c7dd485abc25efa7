import { z } from 'zod';

export const ZSearchInput = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.number().int().min(1).max(50).default(20),
  offset: z.number().int().min(0).max(180).default(0),
  section: z.string().max(64).nullish(),
  /** Published within the last day, week or month. */
  within: z.enum(['day', 'week', 'month']).nullish(),
  sort: z.enum(['relevance', 'date']).default('relevance'),
});
export type TSearchInput = z.infer<typeof ZSearchInput>;

export const ZRange = z.tuple([z.number().int(), z.number().int()]);
