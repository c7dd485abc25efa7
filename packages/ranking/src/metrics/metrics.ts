import { computeCosine } from '../vector-math';

/**
 * MIND's offline metrics, computed per impression exactly as the competition's evaluate.py does.
 *
 * Tie-breaking: evaluate.py ranks by `np.argsort(y_score)[::-1]`. We use the stable version of that,
 * `np.argsort(y_score, kind='stable')[::-1]`: among equal scores the candidate shown LATER in the impression
 * ranks first. It is what numpy's default sort returns for short arrays (it uses insertion sort there),
 * so our numbers match the official scorer on ties too; for long arrays numpy's order is unspecified anyway.
 */
export interface MindMetrics {
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
}

export interface ImpressionResult {
  /** Relevance per candidate: 1 clicked, 0 not (graded gains work too). */
  labels: readonly number[];
  scores: readonly number[];
}

export interface MindEvaluation extends MindMetrics {
  /** Impressions averaged over. */
  impressions: number;
  /** Impressions without both a click and a non-click; AUC is undefined there. */
  skipped: number;
}

/** Candidate indices best first, emulating `np.argsort(scores, kind='stable')[::-1]`. */
export function rankByScore(scores: readonly number[]): number[] {
  if (scores.some((s) => Number.isNaN(s))) throw new RangeError('scores must not be NaN');
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || b - a);
}

/** ROC AUC with ties counted ½ (sklearn's roc_auc_score), via the rank-sum (Mann–Whitney) form. */
export function computeAuc(labels: readonly number[], scores: readonly number[]): number {
  checkLengths(labels, scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    // Tied scores share the mean of their 1-based ranks, which is what counts a tied pair as ½.
    const averageRank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) {
      if (labels[order[j]!]! > 0) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Σ label/rank over the ranking, divided by Σ label (evaluate.py's mrr_score). */
export function computeMrr(labels: readonly number[], scores: readonly number[]): number {
  checkLengths(labels, scores);
  const total = labels.reduce((s, l) => s + l, 0);
  const reciprocal = rankByScore(scores).reduce((s, index, rank) => s + labels[index]! / (rank + 1), 0);
  return reciprocal / total;
}

/** DCG@k with gains 2^rel − 1 and discounts log2(rank + 1), over the ideal DCG@k. */
export function computeNdcg(labels: readonly number[], scores: readonly number[], k: number): number {
  checkLengths(labels, scores);
  return computeDcg(labels, scores, k) / computeDcg(labels, labels, k);
}

/** All four metrics for one impression, or null when it has no click or only clicks. */
export function scoreImpression(labels: readonly number[], scores: readonly number[]): MindMetrics | null {
  const clicked = labels.filter((l) => l > 0).length;
  if (clicked === 0 || clicked === labels.length) return null;
  return {
    auc: computeAuc(labels, scores),
    mrr: computeMrr(labels, scores),
    ndcg5: computeNdcg(labels, scores, 5),
    ndcg10: computeNdcg(labels, scores, 10),
  };
}

/** Mean of the per-impression metrics (0 everywhere when nothing could be scored). */
export function evaluateImpressions(impressions: readonly ImpressionResult[]): MindEvaluation {
  const sums: MindMetrics = { auc: 0, mrr: 0, ndcg5: 0, ndcg10: 0 };
  let counted = 0;
  for (const impression of impressions) {
    const metrics = scoreImpression(impression.labels, impression.scores);
    if (!metrics) continue;
    counted++;
    for (const key of Object.keys(sums) as (keyof MindMetrics)[]) sums[key] += metrics[key];
  }
  const mean = (x: number) => (counted > 0 ? x / counted : 0);
  return {
    auc: mean(sums.auc),
    mrr: mean(sums.mrr),
    ndcg5: mean(sums.ndcg5),
    ndcg10: mean(sums.ndcg10),
    impressions: counted,
    skipped: impressions.length - counted,
  };
}

/** Share of the relevant items found in the top k; null when nothing is relevant. */
export function computeRecallAtK(rankedIds: readonly string[], relevantIds: ReadonlySet<string>, k: number): number | null {
  if (relevantIds.size === 0) return null;
  const hits = new Set(rankedIds.slice(0, k).filter((id) => relevantIds.has(id)));
  return hits.size / relevantIds.size;
}

export function computeCtr(clicks: number, impressions: number): number {
  return impressions > 0 ? clicks / impressions : 0;
}

/** Share of the catalogue that appears in at least one recommendation list. */
export function computeCatalogueCoverage(lists: readonly (readonly string[])[], catalogueSize: number): number {
  if (catalogueSize <= 0) return 0;
  return new Set(lists.flat()).size / catalogueSize;
}

/** Mean over all pairs of 1 − cosine; 0 for lists shorter than two. */
export function computeIntraListDiversity(vectors: readonly Float32Array[]): number {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      total += 1 - (computeCosine(vectors[i]!, vectors[j]!) ?? 0);
      pairs++;
    }
  }
  return pairs > 0 ? total / pairs : 0;
}

/**
 * Mean self-information −log2 p(i) of the recommended items, p(i) = share of readers who clicked i.
 * Items never clicked get `minProbability`, the rarest an item can be, instead of an infinite value.
 */
export function computeNovelty(
  itemIds: readonly string[],
  probability: ReadonlyMap<string, number>,
  minProbability = 1e-6,
): number {
  if (itemIds.length === 0) return 0;
  const information = itemIds.map((id) => {
    const p = probability.get(id) ?? 0;
    return -Math.log2(p > 0 ? p : minProbability);
  });
  return information.reduce((s, x) => s + x, 0) / itemIds.length;
}

function computeDcg(labels: readonly number[], scores: readonly number[], k: number): number {
  return rankByScore(scores)
    .slice(0, k)
    .reduce((s, index, rank) => s + (2 ** labels[index]! - 1) / Math.log2(rank + 2), 0);
}

function checkLengths(labels: readonly number[], scores: readonly number[]): void {
  if (labels.length !== scores.length) throw new RangeError('labels and scores must have the same length');
}
