import { describe, expect, it } from 'vitest';

import { createRng } from '@lede/ranking/training';

import { comparePaired } from './significance';
import { countSuiteOutcomes, describeCeiling, findSuiteFailures, type SuiteRow } from './suite';

/** `n` impressions of 10 candidates, one clicked (candidate `i % 10`). */
function impressions(n: number) {
  return Array.from({ length: n }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === i % 10 ? 1 : 0)));
}

describe('paired bootstrap', () => {
  const labels = impressions(300);
  // Scores that put the click first, and random ones.
  const perfect = labels.map((l) => l.map((y) => y));
  const rng = createRng(3);
  const shuffled = labels.map((l) => l.map(() => rng()));

  it('finds a clear difference significant in both directions', () => {
    const better = comparePaired(labels, perfect, shuffled);
    expect(better.auc.delta).toBeGreaterThan(0.3);
    expect(better.auc.low).toBeGreaterThan(0);
    expect(better.ndcg10.low).toBeGreaterThan(0);
    const worse = comparePaired(labels, shuffled, perfect);
    expect(worse.auc.high).toBeLessThan(0);
  });

  it('calls a ranker against itself a tie with a zero-width interval', () => {
    const same = comparePaired(labels, shuffled, shuffled);
    expect(same.auc).toEqual({ delta: 0, low: 0, high: 0 });
  });

  it('gives a small gap on few impressions an interval that spans zero', () => {
    const few = labels.slice(0, 40);
    // Perfect on half the impressions, backwards on the other half: about as good as `shuffled` on average.
    const halves = perfect.slice(0, 40).map((s, i) => (i % 2 ? s.map((y) => 1 - y) : s));
    const d = comparePaired(few, shuffled.slice(0, 40), halves);
    expect(Math.abs(d.auc.delta)).toBeLessThan(0.1);
    expect(d.auc.low).toBeLessThan(0);
    expect(d.auc.high).toBeGreaterThanOrEqual(0);
  });
});

describe('suite verdicts', () => {
  const row = (ranker: string, auc: number, ndcg10: number, ledeMinus?: SuiteRow['ledeMinus']): SuiteRow => ({
    regime: 'keyword',
    seed: 1,
    ranker,
    auc,
    mrr: 0,
    ndcg5: 0,
    ndcg10,
    ild10: 0,
    coverage10: 0,
    impressions: 100,
    ...(ledeMinus ? { ledeMinus } : {}),
  });
  const rows = [
    row('lede', 0.7, 0.5),
    row('keyword', 0.701, 0.4, { auc: { delta: -0.001, low: -0.01, high: 0.008 }, ndcg10: { delta: 0.1, low: 0.05, high: 0.15 } }),
    row('category', 0.72, 0.45, { auc: { delta: -0.02, low: -0.03, high: -0.01 }, ndcg10: { delta: 0.05, low: 0.01, high: 0.09 } }),
  ];

  it('names each loss with its interval, as a tie or a significant loss', () => {
    expect(findSuiteFailures(rows)).toEqual([
      'keyword seed 1: AUC 0.7 ≤ keyword 0.701 (lede − it -0.001, 95% CI [-0.010, +0.008]: tie)',
      'keyword seed 1: AUC 0.7 ≤ category 0.72 (lede − it -0.020, 95% CI [-0.030, -0.010]: significant loss)',
    ]);
  });

  it('counts wins, ties and losses per metric', () => {
    expect(countSuiteOutcomes(rows)).toEqual({ auc: { wins: 0, ties: 1, losses: 1 }, ndcg10: { wins: 2, ties: 0, losses: 0 } });
  });

  it("gives lede's share of the oracle's AUC lift over random, where the log has an oracle row", () => {
    expect(describeCeiling(rows)).toEqual([]);
    expect(describeCeiling([...rows, row('oracle', 0.75, 0.6)])).toEqual(['keyword seed 1: lede 0.700, oracle 0.750 (80% of the lift)']);
  });
});
