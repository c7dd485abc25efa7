import { createDotWith } from '../vector-dots';

/**
 * A nearest-neighbour index over unit vectors, keyed by small non-negative integers the caller assigns (the
 * candidate pool's slot numbers). Scores are inner products, i.e. cosines for unit vectors.
 */
export interface VectorIndex {
  readonly dimensions: number;
  size(): number;
  /** Adds `key`, or replaces its vector. */
  upsert(key: number, unit: Float32Array): void;
  remove(key: number): void;
  /** Adds keys not in the index yet, in one call (an index may build them in parallel). */
  addMany?(keys: readonly number[], units: readonly Float32Array[]): void;
  /** Up to `k` keys, most similar first. */
  search(query: Float32Array, k: number): number[];
}

/**
 * Brute force over one packed matrix: the reference the approximate index is measured against (recall@K),
 * and the index `eval --retrieval exact` serves with. Linear in the pool per query (~0.6 ms per 1,000
 * 512-d vectors in V8 on this machine), so not for serving a large window.
 */
export class ExactIndex implements VectorIndex {
  private matrix: Float32Array;
  private slots = new Map<number, number>();
  private keys: number[] = [];

  constructor(readonly dimensions: number, capacity = 1024) {
    this.matrix = new Float32Array(capacity * dimensions);
  }

  size(): number {
    return this.keys.length;
  }

  upsert(key: number, unit: Float32Array): void {
    if (unit.length !== this.dimensions) throw new RangeError(`expected ${this.dimensions} dimensions, got ${unit.length}`);
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.keys.length;
      if ((slot + 1) * this.dimensions > this.matrix.length) {
        const grown = new Float32Array(this.matrix.length * 2);
        grown.set(this.matrix);
        this.matrix = grown;
      }
      this.slots.set(key, slot);
      this.keys.push(key);
    }
    this.matrix.set(unit, slot * this.dimensions);
  }

  remove(key: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    // The last row moves into the hole, so the matrix stays dense.
    const last = this.keys.length - 1;
    const lastKey = this.keys[last]!;
    if (slot !== last) {
      this.matrix.copyWithin(slot * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.keys[slot] = lastKey;
      this.slots.set(lastKey, slot);
    }
    this.keys.pop();
    this.slots.delete(key);
  }

  search(query: Float32Array, k: number): number[] {
    const top = new TopK(k);
    const d = this.dimensions;
    const m = this.matrix;
    for (let s = 0; s < this.keys.length; s++) {
      const o = s * d;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < d; i += 2) {
        s0 += m[o + i]! * query[i]!;
        s1 += m[o + i + 1]! * query[i + 1]!;
      }
      if (i < d) s0 += m[o + i]! * query[i]!;
      top.offer(this.keys[s]!, s0 + s1);
    }
    return top.sorted();
  }
}

/** The k best (key, score) pairs seen: a min-heap on score, so each offer is O(log k). */
export class TopK {
  private readonly keys: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  offer(key: number, score: number): void {
    if (this.k <= 0) return;
    if (this.keys.length < this.k) {
      this.keys.push(key);
      this.scores.push(score);
      this.siftUp(this.keys.length - 1);
    } else if (score > this.scores[0]!) {
      this.keys[0] = key;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Keys, best first. */
  sorted(): number[] {
    return this.keys.map((key, i) => ({ key, score: this.scores[i]! })).sort((a, b) => b.score - a.score || a.key - b.key).map((e) => e.key);
  }

  private siftUp(i: number) {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number) {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < n && this.scores[l]! < this.scores[min]!) min = l;
      if (r < n && this.scores[r]! < this.scores[min]!) min = r;
      if (min === i) return;
      this.swap(i, min);
      i = min;
    }
  }

  private swap(a: number, b: number) {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}

/**
 * Oversamples an approximate index and re-orders by exact inner products against the full-precision vectors
 * the caller holds anyway (the pool keeps f32 units for ranking): i8 storage's quantisation error then only
 * decides what enters the oversampled set, not the order. 2× oversampling at k = 200 costs ~0.3 ms of dot
 * products and lifts i8's recall@200 from 0.93 to the f32 index's (README's retrieval table).
 */
export function searchRescored(index: VectorIndex, query: Float32Array, k: number, unitOf: (key: number) => Float32Array | null, oversample = 2): number[] {
  const top = new TopK(k);
  const dotWith = createDotWith(query);
  for (const key of index.search(query, k * oversample)) {
    const unit = unitOf(key);
    if (unit) top.offer(key, dotWith(unit) ?? -Infinity);
  }
  return top.sorted();
}
