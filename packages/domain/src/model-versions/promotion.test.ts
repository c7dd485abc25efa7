import { describe, expect, it } from 'vitest';

import { parseVersionMetrics } from './promotion';

describe('parseVersionMetrics', () => {
  it('reads the version’s own metrics and its baselines, sorted by name, ignoring what is not a number', () => {
    const parsed = parseVersionMetrics({
      auc: 0.6, mrr: 0.3, ndcg5: 'n/a', ndcg10: 0.4, recallAtK: Number.NaN, loss: 0.1,
      baselines: { recency: { auc: 0.5 }, popularity: { auc: 0.55, mrr: 0.2 }, broken: 'x', empty: {} },
    });
    expect(parsed.own).toEqual({ auc: 0.6, mrr: 0.3, ndcg5: null, ndcg10: 0.4, recallAtK: null });
    expect(parsed.baselines).toEqual([
      { name: 'popularity', metrics: { auc: 0.55, mrr: 0.2, ndcg5: null, ndcg10: null, recallAtK: null } },
      { name: 'recency', metrics: { auc: 0.5, mrr: null, ndcg5: null, ndcg10: null, recallAtK: null } },
    ]);
  });

  it('has nothing to show for an empty or malformed value', () => {
    expect(parseVersionMetrics({})).toEqual({ own: null, baselines: [] });
    expect(parseVersionMetrics(null)).toEqual({ own: null, baselines: [] });
    expect(parseVersionMetrics([1, 2])).toEqual({ own: null, baselines: [] });
  });
});
