import { z } from 'zod';

import { listAuditLog } from '@lede/domain/newsroom';

import { createTRPCRouter, editorProcedure } from '../../../trpc';

export const adminAuditRouter = createTRPCRouter({
  /** Editorial, upload and model actions, newest first. */
  list: editorProcedure
    .input(z.object({ action: z.string().max(64).optional(), actor: z.string().max(200).optional(), from: z.date().optional(), to: z.date().optional(), page: z.number().int().min(0).max(10_000).default(0), pageSize: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.object({
        total: z.number(),
        rows: z.array(
          z.object({
            id: z.string(),
            action: z.string(),
            target: z.string(),
            targetKind: z.enum(['article', 'model', 'reader', 'training', 'upload', 'encoder', 'other']),
            details: z.string(),
            summary: z.string(),
            createdAt: z.date(),
            actor: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => listAuditLog(ctx.db, input)),
});
