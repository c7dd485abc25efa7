/** z for a two-sided 95% interval or test. */
export const Z_95 = 1.959964;

/**
 * The standard normal CDF through Abramowitz & Stegun 7.1.26 for erf (absolute error below 1.5e-7), enough for
 * p-values shown to three decimals.
 */
export function computeNormalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface ProportionInterval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for clicks / impressions. Chosen over the normal (Wald) interval because arms with few
 * impressions or no clicks are common here, where Wald collapses to [0, 0] or leaves [0, 1].
 */
export function computeWilsonInterval(clicks: number, impressions: number, z = Z_95): ProportionInterval {
  if (impressions <= 0) return { low: 0, high: 1 };
  const p = clicks / impressions;
  const z2n = (z * z) / impressions;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / impressions + z2n / (4 * impressions))) / (1 + z2n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TwoProportionTest {
  /** Difference of the rates, b − a. */
  difference: number;
  z: number;
  /** Two-sided p-value; null when the test cannot be computed (an arm without impressions, no variance). */
  pValue: number | null;
  significant: boolean;
}

/**
 * Two-proportion z-test with the pooled rate under H0 (the rates are equal): z = (p_b − p_a) / √(p(1−p)(1/n_a
 * + 1/n_b)). `alpha` is the two-sided level.
 */
export function testTwoProportions(a: { clicks: number; impressions: number }, b: { clicks: number; impressions: number }, alpha = 0.05): TwoProportionTest {
  const difference = a.impressions && b.impressions ? b.clicks / b.impressions - a.clicks / a.impressions : 0;
  if (!a.impressions || !b.impressions) return { difference, z: 0, pValue: null, significant: false };
  const pooled = (a.clicks + b.clicks) / (a.impressions + b.impressions);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.impressions + 1 / b.impressions));
  if (se === 0) return { difference, z: 0, pValue: null, significant: false };
  const z = difference / se;
  const pValue = 2 * (1 - computeNormalCdf(Math.abs(z)));
  return { difference, z, pValue, significant: pValue < alpha };
}
