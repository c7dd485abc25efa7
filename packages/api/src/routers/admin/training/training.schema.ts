import { z } from 'zod';

import { ZTrainingParams } from '@lede/domain/training';

export const ZRunId = z.object({ id: z.string().min(1).max(200) });

export const ZTrainingStartInput = ZTrainingParams.partial();
export type TTrainingStartInput = z.infer<typeof ZTrainingStartInput>;

export const ZMetrics = z.object({
  impressions: z.number(), auc: z.number(), mrr: z.number(), ndcg5: z.number(), ndcg10: z.number(), recall5: z.number(), recall10: z.number(),
});

export const ZProgress = z.object({
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

export const ZRunSummary = z.object({
  id: z.string(),
  status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  params: ZTrainingParams,
  progress: ZProgress,
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  modelVersion: z.object({ id: z.string(), status: z.enum(['CANDIDATE', 'ACTIVE', 'RETIRED']), trafficShare: z.number() }).nullable(),
});

export const ZRunDetail = ZRunSummary.extend({
  log: z.string(),
  error: z.string().nullable(),
  checkpointPath: z.string().nullable(),
  /** Held-out evaluation: the new model beside the active version and the baselines. */
  evaluation: z
    .object({ impressions: z.number(), from: z.string(), activeVersion: z.string(), rankers: z.record(z.string(), ZMetrics) })
    .nullable(),
});

const ZHeldOutMetrics = z.object({ auc: z.number(), mrr: z.number(), ndcg5: z.number(), ndcg10: z.number(), recall10: z.number() });

export const ZRunComparison = z.object({
  runId: z.string(),
  createdAt: z.date(),
  versionId: z.string().nullable(),
  heldOutFrom: z.string(),
  impressions: z.number(),
  activeVersion: z.string(),
  candidate: ZHeldOutMetrics,
  active: ZHeldOutMetrics,
});

export const ZRetrainingSchedule = z.object({
  hourUtc: z.number().nullable(),
  decisions: z.array(z.object({ runId: z.string(), decidedAt: z.date(), version: z.string().nullable(), promoted: z.boolean(), reasons: z.array(z.string()) })),
});
