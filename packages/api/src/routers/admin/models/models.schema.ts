import { z } from 'zod';

export const ZOfflineMetrics = z.object({
  auc: z.number().nullable(),
  mrr: z.number().nullable(),
  ndcg5: z.number().nullable(),
  ndcg10: z.number().nullable(),
  recallAtK: z.number().nullable(),
});

export const ZModelVersionRow = z.object({
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

export const ZArm = z.object({ id: z.string().min(1).max(200), share: z.number().min(0).max(1) });
export const ZArmsResult = z.object({ arms: z.array(ZArm), previous: z.array(ZArm) });
