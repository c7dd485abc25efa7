import { z } from 'zod';

import { readEncoderConfig } from '@lede/domain/encoders';
import { ensureBaselineVersion, listModelVersions, promoteVersion, rollbackModel, splitTraffic } from '@lede/domain/model-versions';

import { adminProcedure, createTRPCRouter } from '../../../trpc';
import { ZArm, ZArmsResult, ZModelVersionRow } from './models.schema';

export const adminModelsRouter = createTRPCRouter({
  /** Every model version with provenance and offline metrics; seeds the `baseline` version when missing. */
  list: adminProcedure
    .input(z.object({}).default({}))
    .output(z.array(ZModelVersionRow))
    .query(async ({ ctx }) => {
      await ensureBaselineVersion(ctx.db, readEncoderConfig()?.encoderVersion ?? null);
      return listModelVersions(ctx.db);
    }),

  /** `confirmWorse`: promote a version whose held-out metrics are below the active version's (audited as such). */
  promote: adminProcedure
    .input(z.object({ id: z.string().min(1).max(200), confirmWorse: z.boolean().optional() }))
    .output(ZArmsResult)
    .mutation(({ ctx, input }) => promoteVersion(ctx.db, ctx.user.id, input.id, { confirmWorse: input.confirmWorse })),

  split: adminProcedure
    .input(z.object({ arms: z.array(ZArm).min(2).max(10) }))
    .output(ZArmsResult)
    .mutation(({ ctx, input }) => splitTraffic(ctx.db, ctx.user.id, input.arms)),

  rollback: adminProcedure
    .input(z.object({}).default({}))
    .output(ZArmsResult)
    .mutation(({ ctx }) => rollbackModel(ctx.db, ctx.user.id)),
});
