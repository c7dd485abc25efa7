import { createRequire } from 'node:module';

import type * as UsearchModule from 'usearch';
import type { Index as UsearchNativeIndex } from 'usearch';

import type { VectorIndex } from './vector-index';

export { usearch };

/** How the approximate index stores vectors: i8 is a quarter of f32's memory (see README's retrieval figures). */
export type IndexPrecision = 'f32' | 'f16' | 'i8';

export interface UsearchOptions {
  precision?: IndexPrecision;
  /**
   * HNSW graph degree. 32 with insert breadth 128 and search breadth 512 (the defaults here) gave recall@200
   * 0.972 at 100k news-shaped vectors with i8 rescored; 16/64/512 gave 0.910, 16/64/256 0.870.
   */
  connectivity?: number;
  /** Breadth of the search while inserting and querying: higher is slower and closer to exact. */
  expansionAdd?: number;
  expansionSearch?: number;
}

// usearch's ESM build finds its binary from a stack trace, which fails under tsx and bundlers; its CommonJS
// build uses __dirname.
const usearch = createRequire(import.meta.url)('usearch') as typeof UsearchModule;
const { Index, MetricKind, ScalarKind } = usearch;

/**
 * The serving index: usearch's HNSW graph (native, prebuilt binaries in its npm tarball, SIMD distances).
 * Chosen over hnswlib-node and brute force by `npm run bench -- retrieval` (README). The one module that
 * imports usearch, so nothing else loads the native binding.
 */
export class UsearchIndex implements VectorIndex {
  private readonly index: UsearchNativeIndex;
  private count = 0;

  constructor(readonly dimensions: number, opts: UsearchOptions = {}) {
    this.index = new Index({
      dimensions,
      // cos, not ip: i8 quantisation scales by the vector's norm, which usearch only does for cos.
      metric: MetricKind.Cos,
      quantization: { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 }[opts.precision ?? 'i8'],
      connectivity: opts.connectivity ?? 32,
      expansion_add: opts.expansionAdd ?? 128,
      expansion_search: opts.expansionSearch ?? 512,
      multi: false,
    });
  }

  size(): number {
    return this.count;
  }

  upsert(key: number, unit: Float32Array): void {
    const k = BigInt(key);
    if (this.index.contains(k)) this.index.remove(k);
    else this.count++;
    this.index.add(k, unit);
  }

  addMany(keys: readonly number[], units: readonly Float32Array[]): void {
    const packed = new Float32Array(keys.length * this.dimensions);
    units.forEach((u, i) => packed.set(u, i * this.dimensions));
    this.addBatch(keys, packed);
  }

  /** Adds many new keys at once on `threads` threads (0: all cores; a full build). */
  addBatch(keys: readonly number[], units: Float32Array, threads = 0): void {
    if (!keys.length) return;
    this.index.add(BigUint64Array.from(keys, (k) => BigInt(k)), units, threads);
    this.count += keys.length;
  }

  remove(key: number): void {
    const removed = this.index.remove(BigInt(key));
    if (removed) this.count--;
  }

  /** Writes the index to a file (its size is the index's memory footprint, for the benchmark). */
  save(file: string): void {
    this.index.save(file);
  }

  search(query: Float32Array, k: number): number[] {
    if (this.count === 0 || k <= 0) return [];
    const found = this.index.search(query, Math.min(k, this.count), 1);
    return Array.from(found.keys, (key) => Number(key));
  }
}

/**
 * Rows of `rows` (packed i8 vectors of `dims`) nearest to `query` by cosine, the `count` best, best first, with
 * their cosine distances: usearch's exact search (native SIMD, one thread: it runs inside a request).
 */
export function scanInt8(rows: Int8Array, query: Int8Array, dims: number, count: number): { rows: number[]; distances: Float32Array } {
  const n = rows.length / dims;
  if (!n || count <= 0) return { rows: [], distances: new Float32Array(0) };
  const found = usearch.exactSearch(rows, query, dims, Math.min(count, n), MetricKind.Cos, 1);
  return { rows: Array.from(found.keys, (row) => Number(row)), distances: found.distances };
}
