import { z } from 'zod';

import { cancelTrainingRun, defaultTrainingParams, getTrainingRun, listTrainingRuns, startTrainingRun, ZTrainingParams, type TrainingRunRow } from '@lede/domain/training';

import { adminProcedure, createTRPCRouter } from '../../trpc';
import { ZProgress, ZRunDetail, ZRunId, ZRunSummary, ZTrainingStartInput } from './training.schema';

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
});
