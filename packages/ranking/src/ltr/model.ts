import { MISSING } from '../features/names';
import { linearTerm, type LinearPart } from './linear';

/**
 * The ranking model: an additive ensemble of regression trees over the features (featureNames), scored on
 * the feed's hot path. Stored as JSON with its feature list; `compileRankingModel` packs the trees into typed
 * arrays once, so scoring 3,000 candidates walks flat arrays only.
 */
export interface RankingTree {
  /** Per node: the feature index it splits on, or -1 for a leaf. */
  feature: number[];
  /** Per node: go left when x ≤ threshold. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Per node (leaves and inner nodes): the Newton value there, learning rate applied; inner values serve explanations. */
  value: number[];
}

export interface RankingModel {
  kind: 'lede-ranking-trees';
  features: string[];
  /** Fitted before the trees, which boost from its scores (absent in models trained with trees only). */
  linear?: LinearPart;
  trees: RankingTree[];
  /** How it was trained: objective, sizes, validation figures. Informational. */
  training: Record<string, string | number | boolean>;
}

export interface CompiledRankingModel {
  readonly model: RankingModel;
  readonly featureCount: number;
  /** Score of one feature row at `offset`. */
  score(x: ArrayLike<number>, offset?: number): number;
  /**
   * Per-feature contributions to the score (the linear part's term of each present feature; Saabas path
   * attribution in the trees: each split's change in node value goes to its feature) plus the bias (the roots'
   * values and the linear part's scores of missing values); bias + Σ contributions = score.
   */
  explain(x: ArrayLike<number>, offset?: number): { bias: number; contributions: Float64Array };
}

/**
 * Compiles `model` for rows laid out as `expectedFeatures` (this build's list) when given. A model saved before
 * a feature was added, or with its features in another order, is re-indexed by name: the features it never saw
 * add nothing to its score, so it ranks exactly as it did. One that needs a feature this build does not compute
 * is refused.
 */
export function compileRankingModel(model: RankingModel, expectedFeatures?: readonly string[]): CompiledRankingModel {
  if (expectedFeatures && (expectedFeatures.length !== model.features.length || expectedFeatures.some((f, i) => model.features[i] !== f))) {
    const unknown = model.features.filter((f) => !expectedFeatures.includes(f));
    if (unknown.length) {
      throw new Error(`ranking model was trained on other features than this build's (${describeFeatureChange(model.features, expectedFeatures)}): retrain it`);
    }
    model = alignToFeatures(model, expectedFeatures);
  }
  const featureCount = model.features.length;
  const total = model.trees.reduce((n, t) => n + t.feature.length, 0);
  const feature = new Int32Array(total);
  const threshold = new Float32Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  const roots = new Int32Array(model.trees.length);
  let base = 0;
  model.trees.forEach((t, k) => {
    roots[k] = base;
    for (let i = 0; i < t.feature.length; i++) {
      const f = t.feature[i]!;
      if (f >= featureCount) throw new Error(`ranking model tree ${k} splits on feature ${f} of ${featureCount}`);
      feature[base + i] = f;
      threshold[base + i] = t.threshold[i]!;
      left[base + i] = base + t.left[i]!;
      right[base + i] = base + t.right[i]!;
      value[base + i] = t.value[i]!;
    }
    base += t.feature.length;
  });
  const linear = model.linear;
  if (linear && [linear.mean, linear.scale, linear.weight, linear.missing].some((a) => a.length !== featureCount)) {
    throw new Error(`ranking model's linear part does not have ${featureCount} features`);
  }
  return {
    model,
    featureCount,
    score(x, offset = 0) {
      let s = 0;
      if (linear) for (let f = 0; f < featureCount; f++) s += linearTerm(linear, f, x[offset + f]!);
      for (let k = 0; k < roots.length; k++) {
        let n = roots[k]!;
        let f = feature[n]!;
        while (f >= 0) {
          n = x[offset + f]! <= threshold[n]! ? left[n]! : right[n]!;
          f = feature[n]!;
        }
        s += value[n]!;
      }
      return s;
    },
    explain(x, offset = 0) {
      const contributions = new Float64Array(featureCount);
      let bias = 0;
      // A missing value's score is the model's default, not something the feature says: it goes to the bias.
      if (linear) for (let f = 0; f < featureCount; f++) {
        const term = linearTerm(linear, f, x[offset + f]!);
        if (x[offset + f] === MISSING) bias += term;
        else contributions[f] = term;
      }
      for (let k = 0; k < roots.length; k++) {
        let n = roots[k]!;
        bias += value[n]!;
        let f = feature[n]!;
        while (f >= 0) {
          const next = x[offset + f]! <= threshold[n]! ? left[n]! : right[n]!;
          contributions[f]! += value[next]! - value[n]!;
          n = next;
          f = feature[n]!;
        }
      }
      return { bias, contributions };
    },
  };
}

/** What a saved model's feature list lacks or has extra against this build's (or that only the order differs). */
function describeFeatureChange(saved: readonly string[], expected: readonly string[]): string {
  const lacks = expected.filter((f) => !saved.includes(f));
  const extra = saved.filter((f) => !expected.includes(f));
  const parts = [lacks.length ? `lacks ${lacks.join(', ')}` : '', extra.length ? `has extra ${extra.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'same features in another order';
}

/** `model` re-indexed onto `features` (a superset of its own): trees split on the same names; new features get no weight. */
function alignToFeatures(model: RankingModel, features: readonly string[]): RankingModel {
  const to = model.features.map((f) => features.indexOf(f));
  const linear = model.linear;
  const spread = (values: number[], fill: number) => features.map((f) => {
    const from = model.features.indexOf(f);
    return from >= 0 ? values[from]! : fill;
  });
  return {
    ...model,
    features: [...features],
    linear: linear && { mean: spread(linear.mean, 0), scale: spread(linear.scale, 1), weight: spread(linear.weight, 0), missing: spread(linear.missing, 0) },
    trees: model.trees.map((t) => ({ ...t, feature: t.feature.map((f) => (f < 0 ? f : (to[f] ?? f))) })),
  };
}
