import { z } from 'zod';

export const ZJobView = z.object({
  jobId: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed']),
  rows: z.number().nullable(),
  file: z.string().nullable(),
  summary: z
    .object({ articles: z.number(), users: z.number(), impressions: z.number(), seconds: z.number(), invalid: z.number(), clamped: z.number(), notes: z.array(z.string()) })
    .nullable(),
  error: z.string().nullable(),
});
