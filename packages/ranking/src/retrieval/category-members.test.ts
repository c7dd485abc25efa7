import { describe, expect, it } from 'vitest';

import { CategoryMembers } from './category-members';
import { generateClusteredVectors, generateQueries } from './synthetic';
import { ExactIndex } from './vector-index';

const DIMS = 128;

describe('CategoryMembers', () => {
  const n = 4000;
  const data = generateClusteredVectors(n, DIMS, { topics: 8, seed: 3 });
  const unitOf = (key: number) => data.subarray(key * DIMS, (key + 1) * DIMS);
  const queries = generateQueries(data, DIMS, 12);
  const query = (q: number) => queries.subarray(q * DIMS, (q + 1) * DIMS);

  /** The exact top k by inner product among `keys` that `accept` takes. */
  function exactTop(keys: number[], q: Float32Array, k: number, accept: (key: number) => boolean) {
    const exact = new ExactIndex(DIMS);
    for (const key of keys) if (accept(key)) exact.upsert(key, unitOf(key));
    return exact.search(q, k);
  }

  it('returns the exact top k of its category, even when the nearest are turned down and the scan must widen', () => {
    const members = new CategoryMembers();
    const sport = Array.from({ length: n / 2 }, (_, i) => 2 * i);
    for (const key of sport) members.add('sport', key, unitOf(key));
    for (let q = 0; q < 12; q++) {
      const all = () => true;
      expect(members.nearest((c) => c === 'sport', query(q), 50, unitOf, all)).toEqual(exactTop(sport, query(q), 50, all));
      // The 300 nearest excluded (a reader's seen stories crowd around them), no hint given.
      const seen = new Set(exactTop(sport, query(q), 300, all));
      const unseen = (key: number) => !seen.has(key);
      expect(members.nearest((c) => c === 'sport', query(q), 50, unitOf, unseen)).toEqual(exactTop(sport, query(q), 50, unseen));
    }
    expect(members.nearest((c) => c === 'news', query(0), 50, unitOf, () => true)).toEqual([]);
  });

  it('keeps rows and keys aligned as members leave, come back and change category', () => {
    const members = new CategoryMembers();
    const inSport = new Set<number>();
    for (let key = 0; key < n; key++) {
      members.add('sport', key, unitOf(key));
      inSport.add(key);
    }
    for (let key = 0; key < n; key += 3) {
      members.remove('sport', key);
      inSport.delete(key);
      if (key % 2) {
        members.add('news', key, unitOf(key));
      }
    }
    for (let key = 0; key < 300; key += 9) {
      members.add('sport', key, unitOf(key));
      inSport.add(key);
    }
    expect(members.size('sport')).toBe(inSport.size);
    const all = () => true;
    for (let q = 0; q < 12; q++) expect(members.nearest((c) => c === 'sport', query(q), 40, unitOf, all)).toEqual(exactTop([...inSport], query(q), 40, all));
    const news = Array.from({ length: n }, (_, key) => key).filter((key) => key % 3 === 0 && key % 2 === 1);
    expect(members.nearest((c) => c === 'news', query(1), 40, unitOf, all)).toEqual(exactTop(news, query(1), 40, all));
  });
});
