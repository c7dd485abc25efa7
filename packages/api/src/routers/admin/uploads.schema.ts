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

export const ZUploadCreateInput = z.object({
  files: z.array(z.object({ name: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) })).min(1).max(2),
  /** Import the valid items of a file that has invalid ones, listing the rest, instead of refusing it. */
  skipInvalid: z.boolean().default(false),
});
