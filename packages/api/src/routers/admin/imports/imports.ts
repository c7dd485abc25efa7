import { z } from 'zod';

import { listImports } from '@lede/domain/newsroom';

import { createTRPCRouter, editorProcedure } from '../../../trpc';
import { ZImportHistoryInput, ZImportRow } from './imports.schema';

export const adminImportsRouter = createTRPCRouter({
  /** The import history (uploads and `npm run import`), newest first. */
  list: editorProcedure
    .input(ZImportHistoryInput)
    .output(z.object({ total: z.number(), rows: z.array(ZImportRow) }))
    .query(({ ctx, input }) => listImports(ctx.db, input)),
});
