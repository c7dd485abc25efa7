import { describe, expect, it } from 'vitest';

import { computeNormalCdf, computeWilsonInterval, testTwoProportions } from './significance';

describe('significance', () => {
  it('computes the normal CDF at known points', () => {
    expect(computeNormalCdf(0)).toBeCloseTo(0.5, 7);
    expect(computeNormalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(computeNormalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('matches a hand-computed two-proportion z-test', () => {
    // 200/1000 vs 250/1000: pooled p = 450/2000 = 0.225, se = √(0.225·0.775·(2/1000)) = 0.0186748,
    // z = 0.05 / 0.0186748 = 2.67740, two-sided p = 2·(1 − Φ(2.67740)) = 0.0074196.
    const t = testTwoProportions({ clicks: 200, impressions: 1000 }, { clicks: 250, impressions: 1000 });
    expect(t.difference).toBeCloseTo(0.05, 10);
    expect(t.z).toBeCloseTo(2.677398, 5);
    expect(t.pValue).toBeCloseTo(0.0074196, 6);
    expect(t.significant).toBe(true);
  });

  it('calls a small difference on small samples not significant', () => {
    // 30/600 vs 36/620: pooled 66/1220, z = 0.62252, p = 0.53360.
    const t = testTwoProportions({ clicks: 30, impressions: 600 }, { clicks: 36, impressions: 620 });
    expect(t.z).toBeCloseTo(0.622522, 5);
    expect(t.pValue).toBeCloseTo(0.533599, 5);
    expect(t.significant).toBe(false);
  });

  it('gives no p-value without impressions or variance', () => {
    expect(testTwoProportions({ clicks: 0, impressions: 0 }, { clicks: 1, impressions: 10 }).pValue).toBeNull();
    expect(testTwoProportions({ clicks: 0, impressions: 10 }, { clicks: 0, impressions: 10 }).pValue).toBeNull();
  });

  it('matches hand-computed Wilson intervals', () => {
    // 200/1000: centre (0.2 + 1.92/1000) / 1.0038415, half-width 1.96·√(0.00016 + 0.00000096)/1.0038415.
    const a = computeWilsonInterval(200, 1000);
    expect(a.low).toBeCloseTo(0.176377, 5);
    expect(a.high).toBeCloseTo(0.225919, 5);
    // No clicks still gives an upper bound above zero.
    const b = computeWilsonInterval(0, 50);
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.071348, 5);
    expect(computeWilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
