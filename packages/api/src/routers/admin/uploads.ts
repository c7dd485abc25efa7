import { z } from 'zod';

import { AppError } from '../../errors';
import { getUploadQueue, readImportJob, startUploadImport } from '../../services/uploads';
import { createTRPCRouter, editorProcedure } from '../../trpc';

const ZJobView = z.object({
  jobId: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed']),
  rows: z.number().nullable(),
  file: z.string().nullable(),
  summary: z
    .object({ articles: z.number(), users: z.number(), impressions: z.number(), seconds: z.number(), invalid: z.number(), clamped: z.number(), notes: z.array(z.string()) })
    .nullable(),
  error: z.string().nullable(),
});

export const adminUploadsRouter = createTRPCRouter({
  /**
   * Stores an import upload under data/uploads/ and enqueues its import. Bytes arrive from the admin's upload
   * route handler (server-side caller), which refuses bodies over the limit before reading them.
   */
  create: editorProcedure
    .input(
      z.object({
        files: z.array(z.object({ name: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) })).min(1).max(2),
        /** Import the valid items of a file that has invalid ones, listing the rest, instead of refusing it. */
        skipInvalid: z.boolean().default(false),
      }),
    )
    .output(z.object({ jobId: z.string(), uploadId: z.string(), format: z.enum(['jsonl', 'feed', 'mind', 'mind-zip']) }))
    .mutation(({ ctx, input }) => startUploadImport(ctx.db, getUploadQueue(ctx.db), ctx.user.id, input.files, { skipInvalid: input.skipInvalid })),

  status: editorProcedure
    .input(z.object({ jobId: z.string().min(1).max(100) }))
    .output(ZJobView)
    .query(async ({ ctx, input }) => {
      const view = await readImportJob(getUploadQueue(ctx.db), input.jobId);
      if (!view) throw new AppError('NOT_FOUND', 'No such import job (the admin may have restarted)');
      return view;
    }),
});
