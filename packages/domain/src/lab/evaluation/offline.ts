import { computeRecallAtK, evaluateImpressions, type UserModel } from '@lede/ranking';
import { type TrainedUserModel } from '@lede/ranking/training';

import { createRanker, type EvalImpression, type RankerName } from './rankers';

export interface LabeledImpression extends EvalImpression {
  labels: number[];
}

export interface OfflineMetrics {
  impressions: number;
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
  recall5: number;
  recall10: number;
}

/** A user model that serves one vector, computed ahead (in a batch on ONNX Runtime). */
const fixedUserModel = (vector: Float32Array): UserModel => ({ encodeUser: () => vector });

/** Attaches each impression's user vector from the trained model, computed in batches by infer.onnx. */
export async function attachUserVectors<T extends EvalImpression>(impressions: T[], model: TrainedUserModel): Promise<T[]> {
  const histories = impressions.map((imp) => imp.history.slice(0, 50).flatMap((h) => h.vector ?? []));
  const vectors = await model.encodeUsers(histories);
  return impressions.map((imp, i) => ({ ...imp, userModel: fixedUserModel(vectors[i]!) }));
}

/** MIND metrics (AUC, MRR, nDCG@5/10) plus Recall@5/10 over the impressions with at least one click. */
export function scoreImpressions(impressions: readonly LabeledImpression[], ranker: RankerName, seed = 1): OfflineMetrics & { scores: number[][] } {
  const rank = createRanker(ranker, { seed });
  const scores = impressions.map((imp) => rank(imp));
  const m = evaluateImpressions(impressions.map((imp, i) => ({ labels: imp.labels, scores: scores[i]! })));
  const recall = (k: number) => {
    let sum = 0;
    let n = 0;
    impressions.forEach((imp, i) => {
      const ids = imp.candidates.map((c) => c.id);
      const order = scores[i]!.map((s, j) => [s, j] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, j]) => ids[j]!);
      const r = computeRecallAtK(order, new Set(ids.filter((_, j) => imp.labels[j] === 1)), k);
      if (r === null) return;
      sum += r;
      n++;
    });
    return n ? sum / n : 0;
  };
  const round = (x: number) => Number(x.toFixed(4));
  return {
    impressions: m.impressions,
    auc: round(m.auc),
    mrr: round(m.mrr),
    ndcg5: round(m.ndcg5),
    ndcg10: round(m.ndcg10),
    recall5: round(recall(5)),
    recall10: round(recall(10)),
    scores,
  };
}
