import { MISSING } from '../features/names';

/**
 * The ranking model's linear part: a pairwise logistic regression over standardised features, fitted before
 * the trees, which then boost from its scores. Trees see each feature through at most `bins` buckets, so two
 * candidates alike on every bucket tie; the linear part keeps a feature's full resolution (a slightly closer
 * keyword match still ranks higher) and needs far fewer impressions to learn a signal's direction.
 */
export interface LinearPart {
  /** Per feature: centre and spread of its training values (MISSING left out). */
  mean: number[];
  scale: number[];
  /** Per feature: weight of the standardised value, clipped to ±CLIP. */
  weight: number[];
  /** Per feature: the score when the value is MISSING (instead of the weighted value). */
  missing: number[];
}

const CLIP = 4;

/** Standardised value, or null when missing. */
export function standardize(linear: LinearPart, f: number, v: number): number | null {
  if (v === MISSING) return null;
  const z = (v - linear.mean[f]!) / linear.scale[f]!;
  return z > CLIP ? CLIP : z < -CLIP ? -CLIP : z;
}

/** The linear part's term for feature f: its contribution to the score. */
export function linearTerm(linear: LinearPart, f: number, v: number): number {
  const z = standardize(linear, f, v);
  return z === null ? linear.missing[f]! : linear.weight[f]! * z;
}

export interface LinearData {
  x: Float32Array;
  featureCount: number;
  labels: Uint8Array;
  groups: Int32Array;
}

/**
 * Fits the linear part by Newton's method on the pairwise logistic loss (every clicked × skipped pair in an
 * impression, pairs normalised per impression as the trees' objective does) plus an L2 penalty `l2`.
 * Parameters: one weight and one missing-value score per feature.
 */
export function fitLinearPart(data: LinearData, l2: number, standardization: Standardization = measureFeatures(data), iterations = 12): LinearPart {
  const F = data.featureCount;
  const rows = data.labels.length;
  const { mean, scale } = standardization;
  const part: LinearPart = { mean, scale, weight: new Array<number>(F).fill(0), missing: new Array<number>(F).fill(0) };
  const constant = scale.map((s) => s === 0);
  // Design row per candidate: [z_0 … z_F−1, missing_0 … missing_F−1]; parameters θ in the same order.
  const P = 2 * F;
  const design = new Float64Array(rows * P);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < F; f++) {
      const z = standardize(part, f, data.x[r * F + f]!);
      if (z === null) design[r * P + F + f] = 1;
      else if (!constant[f]) design[r * P + f] = z;
    }
  }
  const groupCount = Math.max(1, countPairGroups(data));
  const theta = new Float64Array(P);
  const d = new Float64Array(P);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(P);
    const hess = new Float64Array(P * P);
    forEachPair(data, (i, j, w) => {
      let diff = 0;
      for (let k = 0; k < P; k++) {
        d[k] = design[i * P + k]! - design[j * P + k]!;
        diff += theta[k]! * d[k]!;
      }
      // loss = log(1 + e^(−diff)); dloss/ddiff = −σ(−diff)
      const p = 1 / (1 + Math.exp(diff));
      const wg = (-p * w) / groupCount;
      const wh = (p * (1 - p) * w) / groupCount;
      for (let a = 0; a < P; a++) {
        const da = d[a]!;
        if (da === 0) continue;
        grad[a]! += wg * da;
        for (let b = 0; b < P; b++) hess[a * P + b]! += wh * da * d[b]!;
      }
    });
    for (let a = 0; a < P; a++) {
      grad[a]! += l2 * theta[a]!;
      hess[a * P + a]! += l2 + 1e-9;
    }
    const step = solve(hess, grad, P);
    let change = 0;
    for (let a = 0; a < P; a++) {
      theta[a]! -= step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    if (change < 1e-6) break;
  }
  for (let f = 0; f < F; f++) {
    part.weight[f] = constant[f] ? 0 : theta[f]!;
    part.missing[f] = theta[F + f]!;
  }
  return { ...part, scale: scale.map((s) => (s === 0 ? 1 : s)) };
}

export interface Standardization {
  /** Per feature: mean and standard deviation of its values, MISSING left out (0 for a constant feature). */
  mean: number[];
  scale: number[];
}

/** Mean and spread of each feature over a dataset's rows. */
export function measureFeatures(data: LinearData): Standardization {
  const F = data.featureCount;
  const rows = data.labels.length;
  const mean = new Array<number>(F).fill(0);
  const scale = new Array<number>(F).fill(0);
  for (let f = 0; f < F; f++) {
    let n = 0;
    let s = 0;
    let s2 = 0;
    for (let r = 0; r < rows; r++) {
      const v = data.x[r * F + f]!;
      if (v === MISSING) continue;
      n++;
      s += v;
      s2 += v * v;
    }
    if (n === 0) continue;
    mean[f] = s / n;
    const sd = Math.sqrt(Math.max(0, s2 / n - mean[f]! ** 2));
    scale[f] = sd > 1e-9 ? sd : 0;
  }
  return { mean, scale };
}

/** Scores every row with the linear part alone. */
export function scoreLinear(part: LinearPart, x: Float32Array, featureCount: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let f = 0; f < featureCount; f++) s += linearTerm(part, f, x[r * featureCount + f]!);
    out[r] = s;
  }
  return out;
}

function countPairGroups(data: LinearData): number {
  let n = 0;
  for (let g = 0; g + 1 < data.groups.length; g++) {
    let pos = 0;
    for (let r = data.groups[g]!; r < data.groups[g + 1]!; r++) pos += data.labels[r]!;
    if (pos > 0 && pos < data.groups[g + 1]! - data.groups[g]!) n++;
  }
  return n;
}

/** Calls fn(clicked row, skipped row, pair weight) for every pair; a group's weights sum to 1. */
function forEachPair(data: LinearData, fn: (i: number, j: number, w: number) => void): void {
  for (let g = 0; g + 1 < data.groups.length; g++) {
    const start = data.groups[g]!;
    const end = data.groups[g + 1]!;
    let pos = 0;
    for (let r = start; r < end; r++) pos += data.labels[r]!;
    const neg = end - start - pos;
    if (pos === 0 || neg === 0) continue;
    const w = 1 / (pos * neg);
    for (let i = start; i < end; i++) {
      if (!data.labels[i]) continue;
      for (let j = start; j < end; j++) if (!data.labels[j]) fn(i, j, w);
    }
  }
}

/** Solves A·x = b (A symmetric positive definite, n × n, row-major) by Gaussian elimination with pivoting. */
function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k]!, m[c * n + k]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    const pivot = m[c * n + c]!;
    if (Math.abs(pivot) < 1e-15) continue;
    for (let r = c + 1; r < n; r++) {
      const factor = m[r * n + c]! / pivot;
      if (factor === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k]! -= factor * m[c * n + k]!;
      x[r]! -= factor * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < n; k++) s -= m[c * n + k]! * x[k]!;
    const pivot = m[c * n + c]!;
    x[c] = Math.abs(pivot) < 1e-15 ? 0 : s / pivot;
  }
  return x;
}
