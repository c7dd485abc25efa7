import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type * as HnswlibModule from 'hnswlib-node';

import { generateClusteredVectors, generateQueries } from '../retrieval/synthetic';
import { usearch, UsearchIndex, type IndexPrecision } from '../retrieval/usearch-index';
import { ExactIndex, searchRescored } from '../retrieval/vector-index';

export type RetrievalEngine = 'exact-js' | 'usearch-f32' | 'usearch-f16' | 'usearch-i8' | 'usearch-i8-rescored' | 'hnswlib-f32';

export interface RetrievalBenchRow {
  engine: RetrievalEngine;
  vectors: number;
  k: number;
  /** Mean over queries of |approximate top-k ∩ exact top-k| / k. */
  recall: number;
  query_p50_ms: number;
  query_p99_ms: number;
  build_s: number;
  /** The index serialised (vectors + graph): what it holds in memory. */
  index_mb: number;
  rss_mb: number;
}

export interface RetrievalBenchOptions {
  sizes: number[];
  engines: RetrievalEngine[];
  dims?: number;
  k?: number;
  queries?: number;
  /** Build threads for the engines that take them (usearch); hnswlib-node inserts from one thread. */
  threads?: number;
}

/**
 * Recall@k, query latency, build time and size of each engine against exact search on clustered synthetic
 * unit vectors (the encoder's vectors would need 1M real articles; see synthetic.ts for the shape). The
 * exact answers come from usearch's native brute force on f32, so the 1M truth takes seconds, not minutes.
 */
export function runRetrievalBench(opts: RetrievalBenchOptions, report: (row: RetrievalBenchRow) => void = () => {}): RetrievalBenchRow[] {
  const dims = opts.dims ?? 512;
  const k = opts.k ?? 200;
  const rows: RetrievalBenchRow[] = [];
  for (const n of opts.sizes) {
    const data = generateClusteredVectors(n, dims, { topics: Math.max(50, Math.round(n / 2000)) });
    const queries = generateQueries(data, dims, opts.queries ?? 200);
    const truth = usearch.exactSearch(data, splitRows(queries, dims), dims, k, usearch.MetricKind.IP, opts.threads ?? 2);
    if (!(truth instanceof usearch.BatchMatches)) throw new Error('expected one result per query');
    const truthKeys = splitRows(queries, dims).map((_, q) => new Set(Array.from(truth.get(q).keys, Number)));
    for (const engine of opts.engines) {
      const built = buildEngine(engine, data, dims, opts.threads ?? 2);
      const latencies: number[] = [];
      let hits = 0;
      splitRows(queries, dims).forEach((query, q) => {
        const t = performance.now();
        const found = built.search(query, k);
        latencies.push(performance.now() - t);
        hits += found.filter((key) => truthKeys[q]!.has(key)).length;
      });
      latencies.sort((a, b) => a - b);
      const row: RetrievalBenchRow = {
        engine,
        vectors: n,
        k,
        recall: round(hits / (k * latencies.length), 4),
        query_p50_ms: round(latencies[Math.floor(latencies.length * 0.5)]!, 3),
        query_p99_ms: round(latencies[Math.floor(latencies.length * 0.99)]!, 3),
        build_s: round(built.buildS, 2),
        index_mb: round(built.bytes() / 2 ** 20, 1),
        rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
      };
      report(row);
      rows.push(row);
    }
  }
  return rows;
}

interface BuiltEngine {
  buildS: number;
  search(query: Float32Array, k: number): number[];
  bytes(): number;
}

function buildEngine(engine: RetrievalEngine, data: Float32Array, dims: number, threads: number): BuiltEngine {
  const n = data.length / dims;
  const t = performance.now();
  if (engine === 'exact-js') {
    const index = new ExactIndex(dims, n);
    for (let i = 0; i < n; i++) index.upsert(i, data.subarray(i * dims, (i + 1) * dims));
    return { buildS: (performance.now() - t) / 1000, search: (q, k) => index.search(q, k), bytes: () => n * dims * 4 };
  }
  if (engine === 'hnswlib-f32') {
    // A CommonJS addon whose named exports Node's ESM loader cannot see.
    const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node') as typeof HnswlibModule;
    const index = new HierarchicalNSW('ip', dims);
    index.initIndex({ maxElements: n, m: 16, efConstruction: 128, randomSeed: 1 });
    for (let i = 0; i < n; i++) index.addPoint(Array.from(data.subarray(i * dims, (i + 1) * dims)), i);
    index.setEf(128);
    const buildS = (performance.now() - t) / 1000;
    return { buildS, search: (q, k) => index.searchKnn(Array.from(q), k).neighbors, bytes: () => savedSize((file) => index.writeIndexSync(file)) };
  }
  const rescored = engine === 'usearch-i8-rescored';
  const precision = (rescored ? 'i8' : engine.slice('usearch-'.length)) as IndexPrecision;
  const index = new UsearchIndex(dims, { precision });
  index.addBatch(Array.from({ length: n }, (_, i) => i), data, threads);
  const buildS = (performance.now() - t) / 1000;
  const unitOf = (key: number) => data.subarray(key * dims, (key + 1) * dims);
  return {
    buildS,
    search: (q, k) => (rescored ? searchRescored(index, q, k, unitOf) : index.search(q, k)),
    bytes: () => savedSize((file) => index.save(file)),
  };
}

function savedSize(save: (file: string) => void): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-index-'));
  try {
    const file = path.join(dir, 'index.bin');
    save(file);
    return fs.statSync(file).size;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function splitRows(matrix: Float32Array, dims: number): Float32Array[] {
  return Array.from({ length: matrix.length / dims }, (_, i) => matrix.subarray(i * dims, (i + 1) * dims));
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
