import { z } from 'zod';

export const ZImportHistoryInput = z.object({
  page: z.number().int().min(0).max(10_000).default(0),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const ZImportRow = z.object({
  id: z.string(),
  /** `upload` (newsroom) or `cli` (npm run import). */
  origin: z.string(),
  fileName: z.string(),
  format: z.string(),
  asDrafts: z.boolean(),
  skipInvalid: z.boolean(),
  status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']),
  /** A failure's message: the summary line and the first bad items as `file:line: …`. */
  error: z.string().nullable(),
  /** The summary's counts: article rows stored (new or updated), invalid items left out, blank or unmatched rows. */
  articles: z.number(),
  invalid: z.number(),
  skipped: z.number(),
  users: z.number(),
  impressions: z.number(),
  events: z.number(),
  /** Articles this import created that are still here, and how many of them are still drafts. */
  created: z.number(),
  drafts: z.number(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  /** Who ran it; null for the command line or a deleted account. */
  actor: z.string().nullable(),
});
