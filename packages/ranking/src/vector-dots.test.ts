import { describe, expect, it } from 'vitest';

import { createDotSet, createDotWith } from './vector-dots';
import { computeDot } from './vector-math';

function randomVector(dims: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: dims }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648 - 0.5;
  });
}

describe('createDotSet', () => {
  it('gives exactly computeDot for every pair and probe (SIMD kernel, 512 dims)', () => {
    const vectors = Array.from({ length: 40 }, (_, j) => randomVector(512, j + 1));
    const set = createDotSet(vectors);
    const out = new Float64Array(vectors.length);
    for (let p = 0; p < 20; p++) {
      const u = randomVector(512, 1_000 + p);
      set.dotsWith(u, out);
      vectors.forEach((v, j) => expect(out[j]).toBe(computeDot(v, u)));
    }
    for (let i = 0; i < vectors.length; i++) for (let j = 0; j < vectors.length; j++) expect(set.dot(i, j)).toBe(computeDot(vectors[i]!, vectors[j]!));
  });

  it('keeps sets used in turn right when later sets wrap the ring over them (10 MB of sets)', () => {
    const sets = Array.from({ length: 25 }, (_, s) => Array.from({ length: 200 }, (_, j) => randomVector(512, s * 1_000 + j)));
    const dotSets = sets.map((vectors) => createDotSet(vectors));
    const first = createDotWith(randomVector(512, 77));
    for (let round = 0; round < 2; round++) {
      sets.forEach((vectors, s) => {
        expect(dotSets[s]!.dot(199, s)).toBe(computeDot(vectors[199]!, vectors[s]!));
        expect(first(vectors[0]!)).toBe(computeDot(randomVector(512, 77), vectors[0]!));
      });
    }
  });

  it('stays exact over many sets of random sizes used in random order (the ring wraps, large sets evict many)', () => {
    let seed = 1;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const sets = Array.from({ length: 80 }, (_, s) => Array.from({ length: 1 + Math.floor(next() * (s % 10 === 0 ? 2_500 : 200)) }, (_, j) => randomVector(512, s * 10_000 + j)));
    const dotSets = sets.map((vectors) => createDotSet(vectors));
    const out = new Float64Array(3_000);
    for (let step = 0; step < 500; step++) {
      const s = Math.floor(next() * (step < 80 ? step + 1 : sets.length));
      const vectors = sets[s]!;
      const [i, j] = [Math.floor(next() * vectors.length), Math.floor(next() * vectors.length)];
      expect(dotSets[s]!.dot(i, j)).toBe(computeDot(vectors[i]!, vectors[j]!));
      dotSets[s]!.dotsWith(vectors[j]!, out);
      expect(out[i]).toBe(computeDot(vectors[i]!, vectors[j]!));
    }
  });

  it('createDotWith: computeDot(query, v), null for another length', () => {
    const query = randomVector(512, 5);
    const dotWith = createDotWith(query);
    for (let j = 0; j < 10; j++) expect(dotWith(randomVector(512, j))).toBe(computeDot(query, randomVector(512, j)));
    expect(dotWith(randomVector(16, 1))).toBeNull();
    expect(createDotWith(randomVector(6, 1))(randomVector(6, 2))).toBe(computeDot(randomVector(6, 1), randomVector(6, 2)));
  });

  it('reloads its vectors after another set used the kernel, and grows past the first memory page', () => {
    const big = Array.from({ length: 100 }, (_, j) => randomVector(512, j + 7)); // 200 KB: more than one page
    const small = [randomVector(512, 3), randomVector(512, 4)];
    const [a, b] = [createDotSet(big), createDotSet(small)];
    const out = new Float64Array(100);
    const u = randomVector(512, 99);
    for (let round = 0; round < 3; round++) {
      expect(a.dot(98, 3)).toBe(computeDot(big[98]!, big[3]!));
      b.dotsWith(u, out);
      expect([out[0], out[1]]).toEqual([computeDot(small[0]!, u), computeDot(small[1]!, u)]);
      a.dotsWith(u, out);
      expect(out[99]).toBe(computeDot(big[99]!, u));
    }
  });

  it('answers as computeDot does for missing vectors, other lengths and dims the 4-wide kernel does not cover', () => {
    const set = createDotSet([randomVector(8, 1), null, randomVector(8, 2)]);
    const out = new Float64Array(3);
    set.dotsWith(randomVector(12, 5), out);
    expect([...out].every(Number.isNaN)).toBe(true);
    set.dotsWith(randomVector(8, 5), out);
    expect(out[0]).toBe(computeDot(randomVector(8, 1), randomVector(8, 5)));
    expect(out[1]).toBeNaN();
    expect(set.dot(0, 1)).toBeNull();
    const odd = [randomVector(6, 1), randomVector(6, 2)];
    const plain = createDotSet(odd);
    expect(plain.dot(0, 1)).toBe(computeDot(odd[0]!, odd[1]!));
    plain.dotsWith(odd[1]!, out);
    expect(out[0]).toBe(computeDot(odd[0]!, odd[1]!));
  });
});
