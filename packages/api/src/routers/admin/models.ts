import { z } from 'zod';

import { readEncoderConfig } from '../../services/encoder-config';
import { ensureBaselineVersion, listModelVersions, promoteVersion, rollbackModel, splitTraffic } from '../../services/model-admin';
import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZOfflineMetrics = z.object({
  auc: z.number().nullable(),
  mrr: z.number().nullable(),
  ndcg5: z.number().nullable(),
  ndcg10: z.number().nullable(),
  recallAtK: z.number().nullable(),
});

const ZModelVersionRow = z.object({
  id: z.string(),
  description: z.string(),
  status: z.enum(['CANDIDATE', 'ACTIVE', 'RETIRED']),
  trafficShare: z.number(),
  encoderVersion: z.string(),
  provenance: z.string(),
  own: ZOfflineMetrics.nullable(),
  baselines: z.array(z.object({ name: z.string(), metrics: ZOfflineMetrics })),
  /** Held-out metrics below the active version's (promotion then needs confirmation). */
  worseThanActive: z.array(z.string()),
  createdAt: z.date(),
  promotedAt: z.date().nullable(),
});

const ZArm = z.object({ id: z.string().min(1).max(200), share: z.number().min(0).max(1) });
const ZArmsResult = z.object({ arms: z.array(ZArm), previous: z.array(ZArm) });

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
