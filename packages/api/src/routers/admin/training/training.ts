import { z } from 'zod';

import { apiEnv } from '@lede/domain/shared';
import { cancelTrainingRun, compareTrainingRuns, defaultTrainingParams, getTrainingRun, listRetrainingDecisions, listTrainingRuns, startTrainingRun, ZTrainingParams, type TrainingRunRow } from '@lede/domain/training';

import { adminProcedure, createTRPCRouter } from '../../../trpc';
import { ZProgress, ZRetrainingSchedule, ZRunComparison, ZRunDetail, ZRunId, ZRunSummary, ZTrainingStartInput } from './training.schema';

const emptyProgress = { phase: 'queued', step: 0, totalSteps: 0, epoch: 0, epochs: 0, loss: null, curve: [], examplesPerSecond: null, etaSeconds: null, examples: 0, resumed: 0 } as const;

function toSummary(run: TrainingRunRow): z.infer<typeof ZRunSummary> {
  const progress = ZProgress.safeParse(run.progress);
  return {
    id: run.id,
    status: run.status,
    params: ZTrainingParams.parse(run.params),
    progress: progress.success ? progress.data : { ...emptyProgress, curve: [] },
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    modelVersion: run.modelVersion,
  };
}

export const adminTrainingRouter = createTRPCRouter({
  /** The launch form's defaults. */
  defaults: adminProcedure.input(z.object({}).default({})).output(ZTrainingParams).query(() => defaultTrainingParams),

  list: adminProcedure
    .input(z.object({}).default({}))
    .output(z.array(ZRunSummary))
    .query(async ({ ctx }) => (await listTrainingRuns(ctx.db)).map(toSummary)),

  get: adminProcedure
    .input(ZRunId)
    .output(ZRunDetail)
    .query(async ({ ctx, input }) => {
      const run = await getTrainingRun(ctx.db, input.id);
      const evaluation = ZRunDetail.shape.evaluation.safeParse(run.metrics);
      return { ...toSummary(run), log: run.log, error: run.error, checkpointPath: run.checkpointPath, evaluation: evaluation.success ? evaluation.data : null };
    }),

  /** Queues a run; the worker starts it within a couple of seconds. */
  start: adminProcedure
    .input(ZTrainingStartInput)
    .output(ZRunId)
    .mutation(({ ctx, input }) => startTrainingRun(ctx.db, input, ctx.user.id)),

  cancel: adminProcedure
    .input(ZRunId)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await cancelTrainingRun(ctx.db, input.id, ctx.user.id);
      return { ok: true as const };
    }),

  /** Finished runs' held-out metrics side by side, each beside the version active when it was evaluated. */
  compare: adminProcedure
    .input(z.object({}).default({}))
    .output(z.array(ZRunComparison))
    .query(({ ctx }) => compareTrainingRuns(ctx.db)),

  /** Nightly retraining: its hour (null when off) and its latest promotion decisions. */
  schedule: adminProcedure
    .input(z.object({}).default({}))
    .output(ZRetrainingSchedule)
    .query(async ({ ctx }) => ({ hourUtc: apiEnv.LEDE_RETRAIN_HOUR_UTC >= 0 ? apiEnv.LEDE_RETRAIN_HOUR_UTC : null, decisions: await listRetrainingDecisions(ctx.db) })),
});
