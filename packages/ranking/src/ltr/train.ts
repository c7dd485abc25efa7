import { evaluateImpressions } from '../metrics/metrics';
import { createRng } from '../training/params';
import { binFeatures, MAX_BINS } from './bins';
import { growTree } from './grow-tree';
import { fitLinearPart, measureFeatures, scoreLinear, type LinearPart, type Standardization } from './linear';
import { computeLambdas, type RankingObjective } from './lambda';
import { compileRankingModel, type RankingModel, type RankingTree } from './model';

/** Feature rows grouped by impression: rows groups[g] … groups[g+1]−1 were shown together. */
export interface RankingDataset {
  x: Float32Array;
  featureCount: number;
  labels: Uint8Array;
  /** Group offsets, length = groups + 1. */
  groups: Int32Array;
}

export interface RankingTrainParams {
  objective: RankingObjective;
  maxTrees: number;
  maxDepth: number;
  learningRate: number;
  minChildWeight: number;
  lambda: number;
  /** Last share of the groups (the latest impressions, when rows come in time order) held out for early stopping. */
  validationShare: number;
  /** Stop after this many trees without a better validation score. */
  patience: number;
  /** Share of the features each tree may split on, drawn afresh per tree (1 = all). */
  featureFraction: number;
  /** Share of the training impressions each tree is grown on, drawn afresh per tree (1 = all). */
  groupFraction: number;
  /** Seeds the per-tree draws, so a run is reproducible. */
  seed: number;
  /** Quantile buckets per feature (≤ 256): two candidates in the same bucket of every feature score alike. */
  bins: number;
  /**
   * L2 penalties tried for the linear part (see linear.ts), the one with the best validation score kept; the
   * trees then boost from its scores. Empty: trees only.
   */
  linearL2: number[];
  /** Models averaged, each held out on another block of the impressions (1: one model, the last block held out). */
  folds: number;
  /**
   * Features only the linear part reads, never a tree. Impression position is one: serving scores every
   * candidate at one position, so its effect must be additive (the same for every candidate, cancelling out
   * within a list); in a tree it would pick out the few rows shown first and apply their leaves to all.
   */
  linearOnly: readonly string[];
}

export const defaultRankingTrainParams: RankingTrainParams = {
  objective: 'ranknet',
  maxTrees: 300,
  // Depth 3 and a minimum child weight of 0.5 measured best on held-out days of the mixed regime (seed 1):
  // dev AUC 0.683 against 0.680 at depth 5 and 0.02; deeper trees fit the training days' quirks.
  maxDepth: 3,
  learningRate: 0.1,
  minChildWeight: 0.5,
  lambda: 1,
  validationShare: 0.15,
  patience: 30,
  featureFraction: 1,
  groupFraction: 1,
  seed: 1,
  bins: MAX_BINS,
  linearL2: [1e-3, 1e-2, 1e-1],
  folds: 5,
  linearOnly: ['position'],
};

export interface RankingTrainProgress {
  tree: number;
  maxTrees: number;
  validation: { auc: number; ndcg10: number } | null;
}

export interface RankingTrainResult {
  model: RankingModel;
  /** Validation figures at the kept number of trees (null without validation groups). */
  validation: { auc: number; ndcg10: number; impressions: number } | null;
  seconds: number;
}

/** Splits a dataset's groups [from, to) into a dataset of their own. */
export function sliceGroups(data: RankingDataset, from: number, to: number): RankingDataset {
  const start = data.groups[from]!;
  const end = data.groups[to]!;
  return {
    x: data.x.subarray(start * data.featureCount, end * data.featureCount),
    featureCount: data.featureCount,
    labels: data.labels.subarray(start, end),
    groups: data.groups.slice(from, to + 1).map((o) => o - start),
  };
}

/**
 * Gradient-boosted trees with a pairwise objective (LambdaMART-style) boosting from a pairwise linear part.
 * With `folds` = 1 the last `validationShare` of the groups is held out: the linear part's penalty and the
 * number of trees are the ones that score best on it. With `folds` = K > 1 the groups are cut into K
 * consecutive blocks and K such models are fitted, each held out on one block and trained on the others; the
 * model is their average (one linear part, every tree with its values divided by K). Every impression then
 * trains K − 1 of the members and the average varies less than any one of them: what matters on logs of a
 * few thousand impressions, where one model's choices follow the noise of its held-out block.
 */
export async function trainRankingModel(
  data: RankingDataset,
  features: readonly string[],
  params: Partial<RankingTrainParams> = {},
  onProgress?: (p: RankingTrainProgress) => void | Promise<void>,
): Promise<RankingTrainResult> {
  const started = performance.now();
  const p = { ...defaultRankingTrainParams, ...params };
  if (features.length !== data.featureCount) throw new Error(`${features.length} feature names for ${data.featureCount} features`);
  const groupCount = data.groups.length - 1;
  const folds = Math.max(1, Math.min(p.folds, groupCount));
  const blocks: { train: RankingDataset; valid: RankingDataset | null }[] = [];
  if (folds === 1) {
    const validFrom = p.validationShare > 0 ? Math.floor(groupCount * (1 - p.validationShare)) : groupCount;
    blocks.push({ train: sliceGroups(data, 0, validFrom), valid: validFrom < groupCount ? sliceGroups(data, validFrom, groupCount) : null });
  } else {
    for (let k = 0; k < folds; k++) {
      const from = Math.floor((groupCount * k) / folds);
      const to = Math.floor((groupCount * (k + 1)) / folds);
      blocks.push({ train: concatGroups(sliceGroups(data, 0, from), sliceGroups(data, to, groupCount)), valid: sliceGroups(data, from, to) });
    }
  }
  const standardization = p.linearL2.length ? measureFeatures(data) : null;
  const members: Member[] = [];
  for (const [k, block] of blocks.entries()) {
    members.push(
      await fitMember(block.train, block.valid, features, p, standardization, (tree, validation) =>
        onProgress?.({ tree: k * p.maxTrees + tree, maxTrees: folds * p.maxTrees, validation }),
      ),
    );
  }
  const model = combineMembers(members, features);
  const validated = members.filter((m) => m.validation);
  const validation = validated.length
    ? {
        auc: validated.reduce((s, m) => s + m.validation!.auc, 0) / validated.length,
        ndcg10: validated.reduce((s, m) => s + m.validation!.ndcg10, 0) / validated.length,
        impressions: validated.reduce((s, m) => s + m.validation!.impressions, 0),
      }
    : null;
  model.training = {
    objective: p.objective,
    folds,
    trees: model.trees.length,
    maxDepth: p.maxDepth,
    learningRate: p.learningRate,
    rows: data.labels.length,
    impressions: groupCount,
    ...(validation ? { validationAuc: round(validation.auc), validationNdcg10: round(validation.ndcg10), validationImpressions: validation.impressions } : {}),
  };
  return { model, validation, seconds: (performance.now() - started) / 1000 };
}

interface Member {
  linear?: LinearPart;
  trees: RankingTree[];
  validation: { auc: number; ndcg10: number; impressions: number } | null;
}

/** One model: the linear part (penalty chosen on `valid`), then trees while `valid` improves. */
async function fitMember(
  train: RankingDataset,
  valid: RankingDataset | null,
  features: readonly string[],
  p: RankingTrainParams,
  standardization: Standardization | null,
  onProgress: (tree: number, validation: RankingTrainProgress['validation']) => void | Promise<void>,
): Promise<Member> {
  const F = train.featureCount;
  const rows = train.labels.length;
  const binned = binFeatures(train.x, rows, F, p.bins);
  const scores = new Float64Array(rows);
  const grad = new Float64Array(rows);
  const hess = new Float64Array(rows);
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const rng = createRng(p.seed);
  const treeFeatures = Uint8Array.from(features, (f) => (standardization && p.linearOnly.includes(f) ? 0 : 1));
  const allowed = new Uint8Array(F);
  let validScores: Float64Array | null = valid ? new Float64Array(valid.labels.length) : null;
  const trees: RankingTree[] = [];
  let best = { value: -Infinity, trees: 0, auc: 0, ndcg10: 0, impressions: 0 };
  let linear: LinearPart | undefined;
  if (standardization) {
    let chosen: { part: LinearPart; value: number; m: ReturnType<typeof evaluateGroups> | null } | null = null;
    for (const l2 of p.linearL2) {
      const part = fitLinearPart(train, l2, standardization);
      const m = valid ? evaluateGroups(valid, scoreLinear(part, valid.x, F, valid.labels.length)) : null;
      const value = m ? m.auc + m.ndcg10 : 0;
      if (!chosen || value > chosen.value + 1e-6) chosen = { part, value, m };
    }
    linear = chosen!.part;
    scores.set(scoreLinear(linear, train.x, F, rows));
    if (valid) validScores = scoreLinear(linear, valid.x, F, valid.labels.length);
    if (chosen!.m) best = { value: chosen!.value, trees: 0, ...chosen!.m };
  }
  for (let t = 0; t < p.maxTrees; t++) {
    computeLambdas(scores, train.labels, train.groups, p.objective, grad, hess);
    const sampled = p.groupFraction < 1 ? sampleGroups(train.groups, p.groupFraction, rng) : all;
    for (let f = 0; f < allowed.length; f++) allowed[f] = treeFeatures[f]! && (p.featureFraction >= 1 || rng() < p.featureFraction) ? 1 : 0;
    const tree = growTree(binned, grad, hess, sampled, { ...p, allowed }, scores);
    // Rows left out of the tree's sample still get its prediction (growTree scores only the rows it grew on).
    if (sampled !== all) addPredictions(tree, train.x, F, scores, sampled);
    trees.push(tree);
    let validation: RankingTrainProgress['validation'] = null;
    if (valid && validScores) {
      const compiled = compileRankingModel({ kind: 'lede-ranking-trees', features: [...features], trees: [tree], training: {} });
      for (let r = 0; r < validScores.length; r++) validScores[r]! += compiled.score(valid.x, r * F);
      const m = evaluateGroups(valid, validScores);
      validation = { auc: m.auc, ndcg10: m.ndcg10 };
      if (m.auc + m.ndcg10 > best.value + 1e-6) best = { value: m.auc + m.ndcg10, trees: t + 1, ...m };
      else if (t + 1 - best.trees >= p.patience) break;
    } else best = { ...best, trees: t + 1 };
    if (t % 10 === 0 || t + 1 === p.maxTrees) {
      await onProgress(t + 1, validation);
      // Yield so a long training run does not starve the event loop of the process it runs in.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // With a linear part the trees may add nothing (all dropped); without one the model needs a tree.
  return {
    linear,
    trees: trees.slice(0, linear ? best.trees : Math.max(1, best.trees)),
    validation: valid ? { auc: best.auc, ndcg10: best.ndcg10, impressions: best.impressions } : null,
  };
}

/** The members' average as one model: linear weights averaged (they share one standardisation), trees scaled. */
function combineMembers(members: readonly Member[], features: readonly string[]): RankingModel {
  const k = members.length;
  const linears = members.flatMap((m) => (m.linear ? [m.linear] : []));
  const average = (pick: (l: LinearPart) => number[]) => pick(linears[0]!).map((_, f) => linears.reduce((s, l) => s + pick(l)[f]!, 0) / k);
  const linear: LinearPart | undefined = linears.length
    ? { mean: linears[0]!.mean, scale: linears[0]!.scale, weight: average((l) => l.weight), missing: average((l) => l.missing) }
    : undefined;
  const trees = members.flatMap((m) => (k === 1 ? m.trees : m.trees.map((t) => ({ ...t, value: t.value.map((v) => v / k) }))));
  return { kind: 'lede-ranking-trees', features: [...features], ...(linear ? { linear } : {}), trees, training: {} };
}

/** Groups of two datasets, one after the other. */
function concatGroups(a: RankingDataset, b: RankingDataset): RankingDataset {
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const labels = new Uint8Array(a.labels.length + b.labels.length);
  labels.set(a.labels);
  labels.set(b.labels, a.labels.length);
  const groups = new Int32Array(a.groups.length + b.groups.length - 1);
  groups.set(a.groups);
  for (let g = 1; g < b.groups.length; g++) groups[a.groups.length - 1 + g] = a.labels.length + b.groups[g]!;
  return { x, featureCount: a.featureCount, labels, groups };
}

/** Rows of a random share of the groups (each kept with probability `fraction`; at least one). */
function sampleGroups(groups: Int32Array, fraction: number, rng: () => number): Int32Array {
  const rows: number[] = [];
  for (let g = 0; g + 1 < groups.length; g++) {
    if (rng() >= fraction) continue;
    for (let r = groups[g]!; r < groups[g + 1]!; r++) rows.push(r);
  }
  if (!rows.length) for (let r = groups[0]!; r < groups[1]!; r++) rows.push(r);
  return Int32Array.from(rows);
}

/** Adds the tree's prediction to every row not in `grown` (which growTree already scored). */
function addPredictions(tree: RankingTree, x: Float32Array, featureCount: number, scores: Float64Array, grown: Int32Array): void {
  const inSample = new Uint8Array(scores.length);
  for (const r of grown) inSample[r] = 1;
  for (let r = 0; r < scores.length; r++) {
    if (inSample[r]) continue;
    let n = 0;
    while (tree.feature[n]! >= 0) n = x[r * featureCount + tree.feature[n]!]! <= tree.threshold[n]! ? tree.left[n]! : tree.right[n]!;
    scores[r]! += tree.value[n]!;
  }
}

function evaluateGroups(data: RankingDataset, scores: Float64Array) {
  const impressions = [];
  for (let g = 0; g + 1 < data.groups.length; g++) {
    const s = data.groups[g]!;
    const e = data.groups[g + 1]!;
    impressions.push({ labels: Array.from(data.labels.subarray(s, e)), scores: Array.from(scores.subarray(s, e)) });
  }
  const m = evaluateImpressions(impressions);
  return { auc: m.auc, ndcg10: m.ndcg10, impressions: m.impressions };
}

const round = (x: number) => Number(x.toFixed(4));
