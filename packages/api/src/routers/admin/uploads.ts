import { z } from 'zod';

import { getUploadQueue, readImportJob, startUploadImport } from '@lede/domain/newsroom';
import { AppError } from '@lede/domain/shared';

import { createTRPCRouter, editorProcedure } from '../../trpc';
import { ZJobView } from './uploads.schema';

export const adminUploadsRouter = createTRPCRouter({
  /**
   * Stores an import upload under data/uploads/ and enqueues its import. Bytes arrive from the admin's upload
   * route handler (server-side caller), which refuses bodies over the limit before reading them.
   */
  create: editorProcedure
    .input(z.object({ files: z.array(z.object({ name: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) })).min(1).max(2) }))
    .output(z.object({ jobId: z.string(), uploadId: z.string(), format: z.enum(['jsonl', 'feed', 'mind', 'mind-zip']) }))
    .mutation(({ ctx, input }) => startUploadImport(ctx.db, getUploadQueue(ctx.db), ctx.user.id, input.files)),

  status: editorProcedure
    .input(z.object({ jobId: z.string().min(1).max(100) }))
    .output(ZJobView)
    .query(async ({ ctx, input }) => {
      const view = await readImportJob(getUploadQueue(ctx.db), input.jobId);
      if (!view) throw new AppError('NOT_FOUND', 'No such import job (the admin may have restarted)');
      return view;
    }),
});
