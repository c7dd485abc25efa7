import { z } from 'zod';

import { AppError } from '../../errors';
import { getUploadQueue, readImportJob } from '../../services/uploads';
import { createTRPCRouter, editorProcedure } from '../../trpc';

const ZJobView = z.object({
  jobId: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed']),
  rows: z.number().nullable(),
  file: z.string().nullable(),
  summary: z.object({ articles: z.number(), users: z.number(), impressions: z.number(), seconds: z.number() }).nullable(),
  error: z.string().nullable(),
});

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
