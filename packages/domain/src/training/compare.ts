import { type Db } from '@lede/db';
import { z } from 'zod';

const ZRankerMetrics = z.object({ auc: z.number(), mrr: z.number(), ndcg5: z.number(), ndcg10: z.number(), recall10: z.number() });
const ZReport = z.object({ impressions: z.number(), from: z.string(), activeVersion: z.string(), rankers: z.object({ finetuned: ZRankerMetrics, active: ZRankerMetrics }) });

/**
 * Finished runs side by side: each run's held-out metrics for its own model and for the version that was active
 * when it was evaluated (held-out days differ between runs, so the active column is the fair reference).
 */
export async function compareTrainingRuns(db: Db, take = 20) {
  const runs = await db.trainingRun.findMany({
    where: { status: 'SUCCEEDED' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, createdAt: true, params: true, metrics: true, modelVersionId: true },
  });
  return runs.flatMap((r) => {
    const report = ZReport.safeParse(r.metrics);
    if (!report.success) return [];
    const { impressions, from, activeVersion, rankers } = report.data;
    return [{ runId: r.id, createdAt: r.createdAt, versionId: r.modelVersionId, heldOutFrom: from, impressions, activeVersion, candidate: rankers.finetuned, active: rankers.active }];
  });
}
