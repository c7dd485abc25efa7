import { describe, expect, it } from 'vitest';

import { generateClusteredVectors, generateQueries } from './synthetic';
import { UsearchIndex } from './usearch-index';
import { ExactIndex, searchRescored } from './vector-index';

const DIMS = 64;

describe('UsearchIndex', () => {
  it('finds ≥ 95% of the exact top 50 at i8 with rescoring, and follows removals and replacements', () => {
    const n = 3000;
    const data = generateClusteredVectors(n, DIMS, { topics: 10 });
    const row = (i: number) => data.subarray(i * DIMS, (i + 1) * DIMS);
    const ann = new UsearchIndex(DIMS, { precision: 'i8' });
    const exact = new ExactIndex(DIMS);
    ann.addMany(Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, (_, i) => row(i)));
    for (let i = 0; i < n; i++) exact.upsert(i, row(i));
    expect(ann.size()).toBe(n);

    const queries = generateQueries(data, DIMS, 30);
    let hits = 0;
    for (let q = 0; q < 30; q++) {
      const query = queries.subarray(q * DIMS, (q + 1) * DIMS);
      const truth = new Set(exact.search(query, 50));
      hits += searchRescored(ann, query, 50, row).filter((k) => truth.has(k)).length;
    }
    expect(hits / (30 * 50)).toBeGreaterThanOrEqual(0.95);

    ann.remove(5);
    expect(ann.size()).toBe(n - 1);
    expect(ann.search(row(5), 10)).not.toContain(5);
    ann.upsert(7, row(5));
    ann.upsert(7, row(5));
    expect(ann.size()).toBe(n - 1);
    expect(ann.search(row(5), 1)).toEqual([7]);
  });
});
