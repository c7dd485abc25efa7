import { createRng } from '@lede/ranking/training';
import { describe, expect, it } from 'vitest';

import { fitCrossFoldUsers, readerFold } from './fit';

const D = 512;

/** A random article-like vector (the trainer does not need unit length). */
const randomVector = (rng: () => number) => Float32Array.from({ length: D }, () => rng() - 0.5);

function maxDifference(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('readerFold', () => {
  it('puts a reader in the same fold every time and splits readers about evenly', () => {
    const readers = Array.from({ length: 400 }, (_, i) => `mind:U${i}`);
    const folds = readers.map((r) => readerFold(r, 2));
    expect(readers.map((r) => readerFold(r, 2))).toEqual(folds);
    const ones = folds.filter((f) => f === 1).length;
    expect(ones).toBeGreaterThan(150);
    expect(ones).toBeLessThan(250);
  });
});

describe('fitCrossFoldUsers', () => {
  it('scores each reader with their fold’s model, whatever order and company the histories come in', async () => {
    const rng = createRng(11);
    const readers = Array.from({ length: 8 }, (_, i) => `r${i}`);
    const impressions = readers.flatMap((reader) =>
      Array.from({ length: 4 }, () => ({
        reader,
        history: Array.from({ length: 3 }, () => randomVector(rng)),
        clicked: [randomVector(rng)],
        skipped: Array.from({ length: 4 }, () => randomVector(rng)),
      })),
    );
    const folds: number[] = [];
    const encode = await fitCrossFoldUsers(impressions, { epochs: 1, lr: 1e-3, weightDecay: 0.01, negatives: 4, seed: 1, threads: 1 }, 2, (k) => {
      folds.push(k);
    });
    expect(folds).toEqual([1, 2]);
    const histories = readers.map(() => Array.from({ length: 3 }, () => randomVector(rng)));
    const together = await encode(histories, readers);
    expect(together).toHaveLength(readers.length);
    for (let i = 0; i < readers.length; i++) {
      const [alone] = await encode([histories[i]!], [readers[i]!]);
      // Batched and single encodes agree up to float rounding.
      expect(maxDifference(together[i]!, alone!)).toBeLessThan(1e-5);
    }
    // The two folds' models differ: the same history gets another vector as a reader of the other fold.
    const a = readers.find((r) => readerFold(r, 2) === 0)!;
    const b = readers.find((r) => readerFold(r, 2) === 1)!;
    const [va, vb] = await encode([histories[0]!, histories[0]!], [a, b]);
    expect(maxDifference(va!, vb!)).toBeGreaterThan(1e-3);
  });
});
