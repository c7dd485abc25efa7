import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { MISSING } from '../features/names';
import { linearTerm } from './linear';
import { compileRankingModel, type RankingModel, type RankingTree } from './model';

/** The plain walk: from the root, left when x ≤ threshold (as stored: float32), to a leaf; trees summed in order after the linear part. */
function scorePlainly(model: RankingModel, x: Float32Array): number {
  let s = 0;
  if (model.linear) for (let f = 0; f < model.features.length; f++) s += linearTerm(model.linear, f, x[f]!);
  for (const t of model.trees) {
    let n = 0;
    while (t.feature[n]! >= 0) n = x[t.feature[n]!]! <= Math.fround(t.threshold[n]!) ? t.left[n]! : t.right[n]!;
    s += t.value[n]!;
  }
  return s;
}

function random(seed: number) {
  let x = seed;
  return () => (x = (x * 48_271) % 2_147_483_647) / 2_147_483_647;
}

/** A random tree of at most `depth` levels, some leaves above the bottom. */
function randomTree(features: number, depth: number, next: () => number): RankingTree {
  const t: RankingTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const grow = (level: number): number => {
    const n = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(next() - 0.5);
    if (level < depth && (level === 0 || next() < 0.7)) {
      t.feature[n] = Math.floor(next() * features);
      t.threshold[n] = next() * 2 - 1;
      t.left[n] = grow(level + 1);
      t.right[n] = grow(level + 1);
    }
    return n;
  };
  grow(0);
  return t;
}

function rows(features: number, count: number, next: () => number): Float32Array[] {
  return Array.from({ length: count }, () => Float32Array.from({ length: features }, () => (next() < 0.1 ? MISSING : next() * 2 - 1)));
}

describe('compileRankingModel score', () => {
  it('equals the plain tree walk exactly on the shipped model', () => {
    const file = path.join(import.meta.dirname, '../../../../models/ranking/lede-ranking-sim/ranking-model.json');
    const model = JSON.parse(fs.readFileSync(file, 'utf8')) as RankingModel;
    const compiled = compileRankingModel(model);
    const next = random(3);
    for (const x of rows(model.features.length, 500, next)) expect(compiled.score(x)).toBe(scorePlainly(model, x));
  });

  it('equals the plain walk for ragged trees (complete layout) and for trees too deep for it', () => {
    for (const depth of [0, 1, 3, 5, 7]) {
      const next = random(depth + 11);
      const features = ['a', 'b', 'c', 'd', 'e'];
      const model: RankingModel = { kind: 'lede-ranking-trees', features, trees: Array.from({ length: 30 }, () => randomTree(features.length, depth, next)), training: {} };
      const compiled = compileRankingModel(model);
      for (const x of rows(features.length, 200, next)) expect(compiled.score(x)).toBe(scorePlainly(model, x));
    }
  });

  it('scores a row at an offset', () => {
    const next = random(5);
    const model: RankingModel = { kind: 'lede-ranking-trees', features: ['a', 'b'], trees: [randomTree(2, 3, next), randomTree(2, 2, next)], training: {} };
    const x = Float32Array.of(0.3, -0.2);
    expect(compileRankingModel(model).score(Float32Array.of(9, 9, 0.3, -0.2), 2)).toBe(scorePlainly(model, x));
  });
});
