import { z } from 'zod';

import { getUploadQueue, readImportJob, startUploadImport } from '@lede/domain/newsroom';
import { AppError } from '@lede/domain/shared';

import { createTRPCRouter, editorProcedure } from '../../trpc';
import { ZJobView, ZUploadCreateInput } from './uploads.schema';

export const adminUploadsRouter = createTRPCRouter({
  /**
   * Stores an import upload under data/uploads/ and enqueues its import. Bytes arrive from the admin's upload
   * route handler (server-side caller), which refuses bodies over the limit before reading them.
   */
  create: editorProcedure
    .input(ZUploadCreateInput)
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
