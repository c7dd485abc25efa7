import { type UserModel } from '../types';
import { fillHistories } from './batch';
import { type Params } from './params';
import { readGraphFiles, type GraphSpec } from './spec';

/** out[n×m] = a[n×k] · b[k×m] (row-major). */
function matmul(a: Float32Array, b: Float32Array, n: number, k: number, m: number): Float32Array {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p]!;
      if (x === 0) continue;
      const row = p * m;
      const o = i * m;
      for (let j = 0; j < m; j++) out[o + j]! += x * b[row + j]!;
    }
  }
  return out;
}

function softmaxInPlace(x: Float64Array, from: number, to: number): void {
  let max = -Infinity;
  for (let i = from; i < to; i++) max = Math.max(max, x[i]!);
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] = Math.exp(x[i]! - max);
  for (let i = from; i < to; i++) x[i]! /= sum;
}

/**
 * The inference graph's arithmetic in TypeScript, for the feed: ranking is synchronous and a feed request
 * encodes one reader (~10 M multiply-adds), which costs less than a round trip through a session. The unit
 * tests hold it to infer.onnx's output.
 */
export function encodeUserSync(spec: GraphSpec, p: Params, history: readonly Float32Array[]): Float32Array {
  const D = spec.dims;
  const A = spec.attentionDims;
  const H = spec.heads;
  const dh = A / H;
  const R = p.get('ad_up')!.length / D;
  const L = Math.min(history.length, spec.history);
  const u = new Float32Array(D);
  if (L === 0) return u;
  const h = new Float32Array(L * D);
  for (let i = 0; i < L; i++) h.set(history[i]!.subarray(0, D), i * D);
  const x = matmul(matmul(h, p.get('ad_down')!, L, D, R), p.get('ad_up')!, L, R, D);
  const bias = p.get('ad_bias')!;
  for (let i = 0; i < L; i++) for (let d = 0; d < D; d++) x[i * D + d]! += h[i * D + d]! + bias[d]!;
  const q = matmul(x, p.get('wq')!, L, D, A);
  const k = matmul(x, p.get('wk')!, L, D, A);
  const v = matmul(x, p.get('wv')!, L, D, A);
  const ctx = new Float32Array(L * A);
  const scores = new Float64Array(L);
  for (let head = 0; head < H; head++) {
    const o = head * dh;
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        let s = 0;
        for (let c = 0; c < dh; c++) s += q[i * A + o + c]! * k[j * A + o + c]!;
        scores[j] = s / Math.sqrt(dh);
      }
      softmaxInPlace(scores, 0, L);
      for (let j = 0; j < L; j++) for (let c = 0; c < dh; c++) ctx[i * A + o + c]! += scores[j]! * v[j * A + o + c]!;
    }
  }
  const out = matmul(ctx, p.get('wo')!, L, A, D);
  for (let i = 0; i < L * D; i++) out[i]! += x[i]!;
  const P = p.get('qp')!.length;
  const hidden = matmul(out, p.get('wp')!, L, D, P);
  const bp = p.get('bp')!;
  const qp = p.get('qp')!;
  const e = new Float64Array(L);
  const posBias = p.get('pos_bias')!;
  for (let i = 0; i < L; i++) {
    let s = posBias[i]!;
    for (let c = 0; c < P; c++) s += Math.tanh(hidden[i * P + c]! + bp[c]!) * qp[c]!;
    e[i] = s;
  }
  softmaxInPlace(e, 0, L);
  for (let i = 0; i < L; i++) for (let d = 0; d < D; d++) u[d]! += e[i]! * out[i * D + d]!;
  // Fold the linear adapter into the user vector: user·adapt(c) = (u + down·upᵀ·u)·c + u·bias, the same for every c.
  const up = p.get('ad_up')!;
  const down = p.get('ad_down')!;
  const r = new Float32Array(R);
  for (let j = 0; j < R; j++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += u[d]! * up[j * D + d]!;
    r[j] = s;
  }
  const raw = u.slice();
  for (let d = 0; d < D; d++) {
    let s = 0;
    for (let j = 0; j < R; j++) s += r[j]! * down[d * R + j]!;
    raw[d]! += s;
  }
  return raw;
}

/** A fine-tuned user model: synchronous for the feed, batched on onnxruntime-node for offline work. */
export class TrainedUserModel implements UserModel {
  constructor(
    readonly spec: GraphSpec,
    readonly params: Params,
    private readonly graph?: string,
    private readonly graphsDir?: string,
  ) {}

  encodeUser(historyVectors: Float32Array[]): Float32Array {
    return encodeUserSync(this.spec, this.params, historyVectors);
  }

  /** Runs infer.onnx over many histories at once; returns user vectors in the article space. */
  async encodeUsers(histories: Float32Array[][], chunk = 256): Promise<Float32Array[]> {
    const runtime = await import('../encoder/runtime');
    const session = await runtime.createTensorSession(readGraphFiles(this.graph, this.graphsDir).inferPath);
    const { history: L, dims: D } = this.spec;
    const result: Float32Array[] = [];
    try {
      for (let start = 0; start < histories.length; start += chunk) {
        const part = histories.slice(start, start + chunk);
        const { hist, hmask } = fillHistories(this.spec, part);
        const feeds: Record<string, { data: Float32Array; dims: readonly number[] }> = {
          hist: { data: hist, dims: [part.length, L, D] },
          hmask: { data: hmask, dims: [part.length, L] },
        };
        for (const ps of this.spec.params) feeds[ps.name] = { data: this.params.get(ps.name)!, dims: ps.shape };
        const user = (await session.run(feeds)).user!.data;
        for (let i = 0; i < part.length; i++) {
          // An empty history gives the zero vector, as encodeUser does.
          result.push(part[i]!.length ? user.slice(i * D, (i + 1) * D) : new Float32Array(D));
        }
      }
    } finally {
      await session.release();
    }
    return result;
  }
}
