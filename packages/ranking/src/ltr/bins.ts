/** Feature values bucketed by quantile cut points, so finding a split scans ≤ 64 buckets instead of sorting rows. */
export interface BinnedFeatures {
  /** Row-major: bins[row * featureCount + f]. */
  bins: Uint8Array;
  /** Per feature, ascending cut points; bucket b holds values ≤ cuts[b] (and > cuts[b − 1]); the last bucket is above all cuts. */
  cuts: Float32Array[];
  rows: number;
  featureCount: number;
}

export const MAX_BINS = 64;

export function binFeatures(x: Float32Array, rows: number, featureCount: number, maxBins = MAX_BINS): BinnedFeatures {
  const cuts: Float32Array[] = [];
  const stride = Math.max(1, Math.floor(rows / 20_000));
  for (let f = 0; f < featureCount; f++) {
    const sample: number[] = [];
    for (let r = 0; r < rows; r += stride) sample.push(x[r * featureCount + f]!);
    sample.sort((a, b) => a - b);
    const distinct = [...new Set(sample)];
    let c: number[];
    if (distinct.length <= maxBins) c = distinct.slice(0, -1);
    else {
      c = [];
      for (let b = 1; b < maxBins; b++) {
        const v = sample[Math.floor((b * sample.length) / maxBins)]!;
        if (c.length === 0 || v > c[c.length - 1]!) c.push(v);
      }
      // A cut equal to the maximum would leave the last bucket empty.
      if (c.length && c[c.length - 1]! >= sample[sample.length - 1]!) c.pop();
    }
    cuts.push(Float32Array.from(c));
  }
  const bins = new Uint8Array(rows * featureCount);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < featureCount; f++) bins[r * featureCount + f] = findBin(cuts[f]!, x[r * featureCount + f]!);
  }
  return { bins, cuts, rows, featureCount };
}

/** Index of the first cut ≥ v (binary search); cuts.length when v is above them all. */
function findBin(cuts: Float32Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  // Compare in float32, as the compiled model does, so training and serving agree on which side a value falls.
  const v32 = Math.fround(v);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! < v32) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
