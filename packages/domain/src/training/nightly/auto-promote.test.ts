import { describe, expect, it } from 'vitest';

import { canAutoPromote } from './auto-promote';

describe('canAutoPromote', () => {
  const active = { auc: 0.6, mrr: 0.3, ndcg5: 0.32, ndcg10: 0.38 };
  it('allows a candidate equal or better on every held-out metric', () => {
    expect(canAutoPromote(active, active)).toEqual({ allowed: true, reasons: [] });
    expect(canAutoPromote({ ...active, auc: 0.62 }, active).allowed).toBe(true);
  });
  it('refuses one that is worse on any metric, and says which', () => {
    expect(canAutoPromote({ ...active, auc: 0.7, ndcg10: 0.37 }, active)).toEqual({ allowed: false, reasons: ['ndcg10 0.3700 < active 0.3800'] });
    expect(canAutoPromote({ ...active, mrr: Number.NaN }, active).allowed).toBe(false);
  });
});
