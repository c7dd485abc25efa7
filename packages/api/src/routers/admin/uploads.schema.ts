import { z } from 'zod';

export const ZJobView = z.object({
  jobId: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed']),
  rows: z.number().nullable(),
  file: z.string().nullable(),
  summary: z.object({ articles: z.number(), users: z.number(), impressions: z.number(), seconds: z.number() }).nullable(),
  error: z.string().nullable(),
});
