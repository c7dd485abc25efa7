import { scoreImpression } from '@lede/ranking';
import { createRng } from '@lede/ranking/training';

/** A difference of means between two rankers on the same impressions, with its 95% bootstrap interval. */
export interface PairedDifference {
  /** Mean of A − B over the impressions. */
  delta: number;
  low: number;
  high: number;
}

export interface PairedComparison {
  auc: PairedDifference;
  ndcg10: PairedDifference;
}

const RESAMPLES = 2000;

/**
 * Ranker A against ranker B on the same labelled impressions: the per-impression AUC and nDCG@10 differences,
 * their mean and a 95% percentile interval from a paired bootstrap over impressions (impressions drawn with
 * replacement, both rankers keeping their own scores of each). A dev day holds a few hundred clicked
 * impressions, so a gap of a few thousandths is often inside the interval: a tie, not a win or a loss.
 */
export function comparePaired(
  labels: readonly (readonly number[])[],
  scoresA: readonly (readonly number[])[],
  scoresB: readonly (readonly number[])[],
  seed = 1,
): PairedComparison {
  const auc: number[] = [];
  const ndcg10: number[] = [];
  labels.forEach((l, i) => {
    const a = scoreImpression(l, scoresA[i]!);
    const b = scoreImpression(l, scoresB[i]!);
    if (!a || !b) return;
    auc.push(a.auc - b.auc);
    ndcg10.push(a.ndcg10 - b.ndcg10);
  });
  const rng = createRng(seed);
  return { auc: bootstrapMean(auc, rng), ndcg10: bootstrapMean(ndcg10, rng) };
}

function bootstrapMean(diffs: readonly number[], rng: () => number): PairedDifference {
  const n = diffs.length;
  if (n === 0) return { delta: 0, low: 0, high: 0 };
  const means = new Float64Array(RESAMPLES);
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += diffs[Math.floor(rng() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const round = (x: number) => Number(x.toFixed(4));
  return {
    delta: round(diffs.reduce((s, d) => s + d, 0) / n),
    low: round(means[Math.floor(0.025 * RESAMPLES)]!),
    high: round(means[Math.ceil(0.975 * RESAMPLES) - 1]!),
  };
}
