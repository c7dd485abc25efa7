import { z } from 'zod';

import { getUploadQueue, readImportJob } from '@lede/domain/newsroom';
import { AppError } from '@lede/domain/shared';

import { createTRPCRouter, editorProcedure } from '../../../trpc';
import { ZJobView } from './uploads.schema';

export const adminUploadsRouter = createTRPCRouter({
  // Uploads themselves go only through the admin's upload route (`http/upload-route.ts`): file bytes never
  // travel as a tRPC input, which would be parsed whole before any size check.
  status: editorProcedure
    .input(z.object({ jobId: z.string().min(1).max(100) }))
    .output(ZJobView)
    .query(async ({ ctx, input }) => {
      const view = await readImportJob(getUploadQueue(ctx.db), input.jobId);
      if (!view) throw new AppError('NOT_FOUND', 'No such import job (the admin may have restarted)');
      return view;
    }),
});
