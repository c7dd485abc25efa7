import { z } from 'zod';

import {
  cancelTrainingRun,
  defaultTrainingParams,
  getTrainingRun,
  listTrainingRuns,
  startTrainingRun,
  ZTrainingParams,
  type TrainingRunRow,
} from '../../services/training';
import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZRunId = z.object({ id: z.string().min(1).max(200) });

export const ZTrainingStartInput = ZTrainingParams.partial();
export type TTrainingStartInput = z.infer<typeof ZTrainingStartInput>;

const ZMetrics = z.object({
  impressions: z.number(), auc: z.number(), mrr: z.number(), ndcg5: z.number(), ndcg10: z.number(), recall5: z.number(), recall10: z.number(),
});

const ZProgress = z.object({
  phase: z.enum(['queued', 'loading', 'training', 'ranking', 'evaluating', 'done']),
  step: z.number(),
  totalSteps: z.number(),
  epoch: z.number(),
  epochs: z.number(),
  loss: z.number().nullable(),
  curve: z.array(z.tuple([z.number(), z.number()])),
  examplesPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  examples: z.number(),
  resumed: z.number(),
  ranking: z.object({ trees: z.number(), maxTrees: z.number(), validationAuc: z.number().nullable() }).optional(),
});

const ZRunSummary = z.object({
  id: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  params: ZTrainingParams,
  progress: ZProgress,
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  modelVersion: z.object({ id: z.string(), status: z.enum(['CANDIDATE', 'ACTIVE', 'RETIRED']), trafficShare: z.number() }).nullable(),
});

const ZRunDetail = ZRunSummary.extend({
  log: z.string(),
  error: z.string().nullable(),
  checkpointPath: z.string().nullable(),
  /** Held-out evaluation: the new model beside the active version and the baselines. */
  evaluation: z
    .object({ impressions: z.number(), from: z.string(), activeVersion: z.string(), rankers: z.record(z.string(), ZMetrics) })
    .nullable(),
});

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
