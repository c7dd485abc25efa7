import { describe, expect, it } from 'vitest';

import {
  computeAuc,
  computeCatalogueCoverage,
  computeCtr,
  computeIntraListDiversity,
  computeMrr,
  computeNdcg,
  computeNovelty,
  computeRecallAtK,
  evaluateImpressions,
  rankByScore,
  scoreImpression,
} from './metrics';
import { vec } from '../test-fixtures';

// Impression A: clicks at positions 0 and 3, scores strictly decreasing, so the ranking is 0,1,2,3,4.
const labelsA = [1, 0, 0, 1, 0];
const scoresA = [0.9, 0.8, 0.7, 0.6, 0.5];
// Impression B, with ties: stable ascending argsort of the scores is [3, 0, 1, 2], reversed [2, 1, 0, 3],
// so the labels in ranked order are [0, 1, 0, 1].
const labelsB = [0, 1, 0, 1];
const scoresB = [0.5, 0.5, 0.5, 0.2];

describe('rankByScore', () => {
  it('matches numpy argsort(...)[::-1] on ties', () => {
    // np.argsort([0.5, 0.5, 0.1, 0.5])[::-1] == [3, 1, 0, 2]
    expect(rankByScore([0.5, 0.5, 0.1, 0.5])).toEqual([3, 1, 0, 2]);
    expect(rankByScore(scoresB)).toEqual([2, 1, 0, 3]);
  });
});

describe('MIND metrics', () => {
  it('computes AUC as the share of correctly ordered click/non-click pairs', () => {
    // A: 0.9 beats all 3 non-clicks, 0.6 beats only 0.5 → 4 of 6 pairs
    expect(computeAuc(labelsA, scoresA)).toBeCloseTo(4 / 6, 12);
    // B: click 0.5 ties both 0.5 non-clicks (½ + ½), click 0.2 loses both → 1 of 4
    expect(computeAuc(labelsB, scoresB)).toBeCloseTo(0.25, 12);
    expect(computeAuc([1, 0], [0.3, 0.3])).toBe(0.5);
    expect(computeAuc([1, 1], [0.3, 0.2])).toBeNaN();
  });

  it('computes MRR over all clicks divided by the number of clicks', () => {
    // A: (1/1 + 1/4) / 2 = 0.625; B: (1/2 + 1/4) / 2 = 0.375
    expect(computeMrr(labelsA, scoresA)).toBeCloseTo(0.625, 12);
    expect(computeMrr(labelsB, scoresB)).toBeCloseTo(0.375, 12);
  });

  it('computes nDCG@k with 2^rel − 1 gains and log2(rank + 1) discounts', () => {
    // A: DCG = 1/log2 2 + 1/log2 5 = 1 + 0.430677 = 1.430677; ideal = 1 + 1/log2 3 = 1.630930 → 0.877215
    expect(computeNdcg(labelsA, scoresA, 5)).toBeCloseTo(0.877215, 6);
    expect(computeNdcg(labelsA, scoresA, 10)).toBeCloseTo(0.877215, 6);
    // A@2: DCG = 1; ideal = 1.630930 → 0.613147
    expect(computeNdcg(labelsA, scoresA, 2)).toBeCloseTo(0.613147, 6);
    // B: DCG = 1/log2 3 + 1/log2 5 = 0.630930 + 0.430677 = 1.061606; ideal 1.630930 → 0.650921
    expect(computeNdcg(labelsB, scoresB, 5)).toBeCloseTo(0.650921, 6);
    // B@2: DCG = 0.630930 / 1.630930 = 0.386853
    expect(computeNdcg(labelsB, scoresB, 2)).toBeCloseTo(0.386853, 6);
  });

  it('uses graded gains when labels are graded', () => {
    // ranked labels [1, 2]: DCG = 1 + 3/log2 3 = 2.892789; ideal [2, 1] = 3 + 1/log2 3 = 3.630930 → 0.796708
    expect(computeNdcg([1, 2], [0.9, 0.1], 10)).toBeCloseTo(0.796708, 6);
  });

  it('averages over impressions, skipping those without a click or with only clicks', () => {
    const result = evaluateImpressions([
      { labels: labelsA, scores: scoresA },
      { labels: labelsB, scores: scoresB },
      { labels: [0, 0], scores: [0.1, 0.2] },
      { labels: [1, 1], scores: [0.1, 0.2] },
    ]);
    // auc (0.666667 + 0.25)/2 = 0.458333; mrr (0.625 + 0.375)/2 = 0.5; ndcg (0.877215 + 0.650921)/2 = 0.764068
    expect(result.impressions).toBe(2);
    expect(result.skipped).toBe(2);
    expect(result.auc).toBeCloseTo(0.458333, 6);
    expect(result.mrr).toBeCloseTo(0.5, 12);
    expect(result.ndcg5).toBeCloseTo(0.764068, 6);
    expect(result.ndcg10).toBeCloseTo(0.764068, 6);
    expect(scoreImpression([0, 0], [1, 2])).toBeNull();
    expect(evaluateImpressions([])).toEqual({ auc: 0, mrr: 0, ndcg5: 0, ndcg10: 0, impressions: 0, skipped: 0 });
  });

  it('rejects mismatched or NaN input', () => {
    expect(() => computeMrr([1, 0], [0.1])).toThrow(RangeError);
    expect(() => computeNdcg([1, 0], [Number.NaN, 0.1], 5)).toThrow(RangeError);
  });
});

describe('beyond-accuracy metrics', () => {
  it('computes recall@k, CTR and catalogue coverage', () => {
    const relevant = new Set(['b', 'd', 'x']);
    expect(computeRecallAtK(['a', 'b', 'c', 'd'], relevant, 2)).toBeCloseTo(1 / 3, 12);
    expect(computeRecallAtK(['a', 'b', 'c', 'd'], relevant, 4)).toBeCloseTo(2 / 3, 12);
    expect(computeRecallAtK(['a'], new Set(), 4)).toBeNull();
    expect(computeCtr(3, 40)).toBe(0.075);
    expect(computeCtr(3, 0)).toBe(0);
    // distinct {a, b, c} of 10
    expect(computeCatalogueCoverage([['a', 'b'], ['b', 'c']], 10)).toBeCloseTo(0.3, 12);
  });

  it('computes intra-list diversity as mean pairwise 1 − cosine', () => {
    // pairs: (1,0)-(0,1): 1; (1,0)-(1,1): 1 − 0.707107; (0,1)-(1,1): 1 − 0.707107 → 1.585786/3 = 0.528595
    expect(computeIntraListDiversity([vec(1, 0), vec(0, 1), vec(1, 1)])).toBeCloseTo(0.528595, 6);
    expect(computeIntraListDiversity([vec(1, 0)])).toBe(0);
  });

  it('computes novelty as mean self-information', () => {
    const probability = new Map([['a', 0.5], ['b', 0.125]]);
    // −log2 0.5 = 1, −log2 0.125 = 3 → 2
    expect(computeNovelty(['a', 'b'], probability)).toBeCloseTo(2, 12);
    // unseen 'c' gets the floor 0.25 → 2 bits; (1 + 3 + 2)/3 = 2
    expect(computeNovelty(['a', 'b', 'c'], probability, 0.25)).toBeCloseTo(2, 12);
  });
});
