import { describe, expect, it } from 'vitest';

import { MISSING } from '../features/names';
import { compileRankingModel } from './model';
import { trainRankingModel, type RankingDataset } from './train';

/** Groups of 10 items; the click goes to the item with the highest x0 + 0.5·x1 (x2 is noise). */
function makeDataset(groups: number, seed: number): RankingDataset {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const F = 3;
  const x = new Float32Array(groups * 10 * F);
  const labels = new Uint8Array(groups * 10);
  const offsets = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < 10; i++) {
      const r = g * 10 + i;
      for (let f = 0; f < F; f++) x[r * F + f] = rand();
      const v = x[r * F]! + 0.5 * x[r * F + 1]!;
      if (v > bestValue) [best, bestValue] = [r, v];
    }
    labels[best] = 1;
    offsets[g + 1] = (g + 1) * 10;
  }
  return { x, featureCount: F, labels, groups: offsets };
}

/** Share of groups whose top-scored item is the clicked one. */
function topOneAccuracy(model: Parameters<typeof compileRankingModel>[0], data: RankingDataset): number {
  const compiled = compileRankingModel(model);
  const groups = data.groups.length - 1;
  let correct = 0;
  for (let g = 0; g < groups; g++) {
    let top = -1;
    let topScore = -Infinity;
    for (let r = data.groups[g]!; r < data.groups[g + 1]!; r++) {
      const s = compiled.score(data.x, r * data.featureCount);
      if (s > topScore) [top, topScore] = [r, s];
    }
    correct += data.labels[top]!;
  }
  return correct / groups;
}

describe('trainRankingModel', () => {
  it('learns which features decide the click and ranks held-out groups well', async () => {
    const { model, validation } = await trainRankingModel(makeDataset(600, 1), ['a', 'b', 'noise'], { maxTrees: 60 });
    expect(validation!.auc).toBeGreaterThan(0.9);
    const test = makeDataset(200, 2);
    const compiled = compileRankingModel(model, ['a', 'b', 'noise']);
    let correct = 0;
    for (let g = 0; g < 200; g++) {
      let top = -1;
      let topScore = -Infinity;
      for (let r = g * 10; r < (g + 1) * 10; r++) {
        const s = compiled.score(test.x, r * 3);
        if (s > topScore) [top, topScore] = [r, s];
      }
      correct += test.labels[top]!;
    }
    expect(correct / 200).toBeGreaterThan(0.6); // random would pick the click 10% of the time
  });

  it('explains every score exactly: bias plus contributions, with the noise feature contributing least', async () => {
    const { model } = await trainRankingModel(makeDataset(300, 3), ['a', 'b', 'noise'], { maxTrees: 30 });
    const compiled = compileRankingModel(model);
    const x = Float32Array.from([0.9, 0.2, 0.5]);
    const { bias, contributions } = compiled.explain(x);
    expect(bias + contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(compiled.score(x), 9);
    const total = [0, 1, 2].map((f) => {
      let sum = 0;
      for (let r = 0; r < 100; r++) sum += Math.abs(compiled.explain(makeDataset(10, 10 + r).x, 0).contributions[f]!);
      return sum;
    });
    expect(total[2]).toBeLessThan(total[0]!);
    expect(total[2]).toBeLessThan(total[1]!);
  });

  it('refuses a model that needs a feature the serving list lacks', async () => {
    const { model } = await trainRankingModel(makeDataset(50, 4), ['a', 'b', 'noise'], { maxTrees: 2 });
    expect(() => compileRankingModel(model, ['a', 'b', 'other'])).toThrow(/other features than this build's \(lacks other; has extra noise\)/);
  });

  it('serves a model saved before a feature was added, or in another order, by name: same scores and explanations', async () => {
    const { model } = await trainRankingModel(makeDataset(200, 4), ['a', 'b', 'noise'], { maxTrees: 10 });
    expect(model.linear).toBeDefined();
    const own = compileRankingModel(model, ['a', 'b', 'noise']);
    const wider = compileRankingModel(model, ['new', 'noise', 'b', 'a']);
    expect(wider.featureCount).toBe(4);
    const rows = [[0.1, 0.9, 0.3], [0.7, 0.2, 0.5], [MISSING, 0.4, 0.8]];
    for (const [a, b, noise] of rows) {
      for (const extra of [0, 5, MISSING]) {
        expect(wider.score([extra, noise!, b!, a!])).toBeCloseTo(own.score([a!, b!, noise!]), 9);
        const ex = wider.explain([extra, noise!, b!, a!]);
        const ref = own.explain([a!, b!, noise!]);
        expect(ex.bias).toBeCloseTo(ref.bias, 9);
        const expected = [0, ref.contributions[2]!, ref.contributions[1]!, ref.contributions[0]!];
        expected.forEach((c, f) => expect(ex.contributions[f]).toBeCloseTo(c, 9));
      }
    }
  });

  it('keeps the full resolution of a feature through the linear part, where coarse tree buckets tie', async () => {
    const train = makeDataset(400, 5);
    const test = makeDataset(200, 6);
    // Four buckets per feature: trees alone cannot tell apart items within a quarter of each feature's range.
    const trees = await trainRankingModel(train, ['a', 'b', 'noise'], { maxTrees: 60, bins: 4, linearL2: [] });
    const hybrid = await trainRankingModel(train, ['a', 'b', 'noise'], { maxTrees: 60, bins: 4 });
    expect(hybrid.model.linear).toBeDefined();
    expect(hybrid.model.linear!.weight[0]).toBeGreaterThan(hybrid.model.linear!.weight[1]!);
    expect(Math.abs(hybrid.model.linear!.weight[2]!)).toBeLessThan(hybrid.model.linear!.weight[1]!);
    expect(topOneAccuracy(hybrid.model, test)).toBeGreaterThan(topOneAccuracy(trees.model, test) + 0.1);
  });

  it('gives a missing value its own learned score in the linear part', async () => {
    const data = makeDataset(300, 7);
    // Feature b goes missing for a third of the items; a missing b is then neither good nor bad.
    for (let r = 0; r < data.labels.length; r += 3) data.x[r * 3 + 1] = MISSING;
    const { model } = await trainRankingModel(data, ['a', 'b', 'noise'], { maxTrees: 0 });
    const compiled = compileRankingModel(model);
    const score = (b: number) => compiled.score(Float32Array.from([0.5, b, 0.5]));
    expect(score(MISSING)).toBeGreaterThan(score(0.05));
    expect(score(MISSING)).toBeLessThan(score(0.95));
    // Explanations give a missing value no contribution (it says nothing); its score sits in the bias.
    const x = Float32Array.from([0.5, MISSING, 0.5]);
    const { bias, contributions } = compiled.explain(x);
    expect(contributions[1]).toBe(0);
    expect(bias + contributions.reduce((a, c) => a + c, 0)).toBeCloseTo(compiled.score(x), 9);
  });

  it('subsamples features and impressions reproducibly: the same seed gives the same model', async () => {
    const data = makeDataset(200, 8);
    const params = { maxTrees: 20, featureFraction: 0.5, groupFraction: 0.6, linearL2: [] };
    const a = await trainRankingModel(data, ['a', 'b', 'noise'], { ...params, seed: 3 });
    const b = await trainRankingModel(data, ['a', 'b', 'noise'], { ...params, seed: 3 });
    const c = await trainRankingModel(data, ['a', 'b', 'noise'], { ...params, seed: 4 });
    expect(JSON.stringify(a.model.trees)).toBe(JSON.stringify(b.model.trees));
    expect(JSON.stringify(a.model.trees)).not.toBe(JSON.stringify(c.model.trees));
  });
});
