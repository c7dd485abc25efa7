import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { compileRankingModel, featureCount, featureNames, trainRankingModel } from '@lede/ranking';
import { describe, expect, it } from 'vitest';

import { defaultRankingModelPath, readRankingModel, writeRankingModel } from './ranking-models';

/** Impressions of 8 candidates over the serving features; the click goes to the highest keyword match. */
function dataset(groups: number) {
  const x = new Float32Array(groups * 8 * featureCount);
  const labels = new Uint8Array(groups * 8);
  const offsets = new Int32Array(groups + 1);
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let g = 0; g < groups; g++) {
    let best = 0;
    for (let i = 0; i < 8; i++) {
      const r = g * 8 + i;
      for (let f = 0; f < featureCount; f++) x[r * featureCount + f] = rand();
      if (x[r * featureCount + 3]! > x[(g * 8 + best) * featureCount + 3]!) best = i;
    }
    labels[g * 8 + best] = 1;
    offsets[g + 1] = (g + 1) * 8;
  }
  return { x, featureCount, labels, groups: offsets };
}

describe('ranking model files', () => {
  it('round-trips a model with its linear part: the file scores exactly as the trained model', async () => {
    const data = dataset(200);
    const { model } = await trainRankingModel(data, featureNames, { maxTrees: 10, folds: 2 });
    expect(model.linear).toBeDefined();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lede-ranking-')), 'm.ranking.json');
    writeRankingModel(file, model);
    const read = readRankingModel(file);
    const trained = compileRankingModel(model);
    for (let r = 0; r < 50; r++) expect(read.score(data.x, r * featureCount)).toBe(trained.score(data.x, r * featureCount));
  });

  it('refuses a file with neither a linear part nor a tree, and a linear part of the wrong width', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-ranking-'));
    const empty = path.join(dir, 'empty.json');
    fs.writeFileSync(empty, JSON.stringify({ kind: 'lede-ranking-trees', features: [...featureNames], trees: [], training: {} }));
    expect(() => readRankingModel(empty)).toThrow(/linear part or a tree/);
    const narrow = path.join(dir, 'narrow.json');
    const linear = { mean: [0], scale: [1], weight: [1], missing: [0] };
    fs.writeFileSync(narrow, JSON.stringify({ kind: 'lede-ranking-trees', features: [...featureNames], linear, trees: [], training: {} }));
    expect(() => readRankingModel(narrow)).toThrow(/linear part/);
  });

  it('serves a model saved before a feature was added (the new feature adds nothing to its score), refuses one needing an unknown feature', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-ranking-'));
    const features = featureNames.filter((f) => f !== 'entityOverlap');
    const split = features.indexOf('keyword');
    const tree = { feature: [split, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -1, 1] };
    const old = path.join(dir, 'old.json');
    fs.writeFileSync(old, JSON.stringify({ kind: 'lede-ranking-trees', features, trees: [tree], training: {} }));
    const served = readRankingModel(old);
    expect(served.model.features).toEqual([...featureNames]);
    const row = new Float32Array(featureNames.length);
    row[featureNames.indexOf('keyword')] = 0.9;
    row[featureNames.indexOf('entityOverlap')] = 1;
    expect(served.score(row)).toBe(1);
    row[featureNames.indexOf('keyword')] = 0.1;
    expect(served.score(row)).toBe(-1);

    const unknown = path.join(dir, 'unknown.json');
    fs.writeFileSync(unknown, JSON.stringify({ kind: 'lede-ranking-trees', features: [...featureNames, 'futureSignal'], trees: [tree], training: {} }));
    expect(() => readRankingModel(unknown)).toThrow(/trained on other features than this build's \(has extra futureSignal\): retrain it/);
  });

  it('accepts the shipped default ranking model (trained on this feature list)', () => {
    expect(readRankingModel(defaultRankingModelPath).model.features).toEqual([...featureNames]);
  });
});
