import {
  buildLogRows,
  buildUserVector,
  compileRankingModel,
  featureIndex,
  featureNames,
  MISSING,
  semanticFeatures,
  trainRankingModel,
  type FeatureName,
  type LogArticle,
  type LogImpression,
  type RankingDataset,
  type RankingModel,
  type RankingTrainParams,
  type RankingTrainProgress,
  type RankingTrainResult,
} from '@lede/ranking';

import { type EncodeUsers } from '../../training/fit';

/** A MIND log as the ranking model's features see it: train and dev impressions in time order. */
export interface FeatureLog {
  impressions: LogImpression[];
  /** Per impression: its position among the dev impressions (file order), or -1 for a train impression. */
  devIndex: number[];
  articles: Map<string, LogArticle>;
}

export const featureRankerNames = ['lede', 'keyword', 'keyword+popularity', 'semantic', 'category'] as const;
export type FeatureRankerName = (typeof featureRankerNames)[number];

/** The inputs of the learned `keyword+popularity` baseline: one text signal and the popularity counts. */
const keywordPopularity: readonly FeatureName[] = ['keyword', 'keywordMax', 'popularityCtr', 'popularityClicks', 'readers1h', 'readers24h', 'readers7d'];
/** Single-signal rankers read one feature column as the score. */
const singleColumn: Partial<Record<FeatureRankerName, FeatureName>> = { keyword: 'keyword', semantic: 'semantic', category: 'categoryShare' };

export interface FeatureScores {
  /** Scores per dev impression (file order), per ranker. */
  scores: Map<FeatureRankerName, number[][]>;
  /** The `lede` ranking model, trained on the train split. */
  model: RankingModel | null;
  trainSeconds: number;
}

/**
 * Scores the dev impressions with the feature rankers: the learned ones train gradient-boosted trees on the
 * train split's impressions (point in time: popularity and clicks known from the start of each impression's
 * day, as for dev), the single-signal ones read their feature. `ablate` drops the encoder-based features.
 */
export async function scoreFeatureRankers(
  log: FeatureLog,
  encodeUsers: EncodeUsers,
  rankers: readonly FeatureRankerName[],
  opts: {
    ablate?: 'semantic';
    params?: Partial<RankingTrainParams>;
    /** User vectors for the train split's rows (cross-fitted, see fitCrossFoldUsers); `encodeUsers` when absent. */
    encodeTrainUsers?: EncodeUsers;
  } = {},
): Promise<FeatureScores> {
  const devCount = log.devIndex.filter((i) => i >= 0).length;
  const isDev = new Set(log.impressions.filter((_, i) => log.devIndex[i]! >= 0));
  const dev = await buildLogRows(log.impressions, log.articles, { knownFrom: 'day', encodeUsers, emit: (imp) => isDev.has(imp) });
  const devOrder = dev.source.map((i) => log.devIndex[i]!);
  const scores = new Map<FeatureRankerName, number[][]>();
  const byGroup = (rowScore: (row: number) => number) => {
    const out: number[][] = new Array<number[]>(devCount).fill([]);
    dev.source.forEach((_, g) => {
      const s: number[] = [];
      for (let r = dev.data.groups[g]!; r < dev.data.groups[g + 1]!; r++) s.push(rowScore(r));
      out[devOrder[g]!] = s;
    });
    return out;
  };
  const F = dev.data.featureCount;
  for (const name of rankers) {
    const column = singleColumn[name];
    if (column) scores.set(name, byGroup((r) => dev.data.x[r * F + featureIndex[column]]!));
  }
  let model: RankingModel | null = null;
  let trainSeconds = 0;
  const learned = rankers.filter((r) => !singleColumn[r]);
  if (learned.length) {
    const train = await buildLogRows(log.impressions, log.articles, {
      knownFrom: 'day',
      encodeUsers: opts.encodeTrainUsers ?? encodeUsers,
      emit: (imp) => !isDev.has(imp),
      pairsOnly: true,
    });
    for (const name of learned) {
      const keep = name === 'keyword+popularity' ? keywordPopularity : featureNames.filter((f) => !(opts.ablate === 'semantic' && semanticFeatures.includes(f)));
      const result = await trainRankingModel(maskFeatures(train.data, keep), featureNames, opts.params);
      trainSeconds += result.seconds;
      const compiled = compileRankingModel(result.model);
      const masked = maskFeatures(dev.data, keep);
      // Position is a training-time feature: dev is scored as serving scores, every candidate at the top.
      for (let r = 0; r < masked.labels.length; r++) masked.x[r * F + featureIndex.position] = 0;
      scores.set(name, byGroup((r) => compiled.score(masked.x, r * F)));
      if (name === 'lede') model = result.model;
    }
  }
  return { scores, model, trainSeconds };
}

/** A copy with every feature outside `keep` set to MISSING, so trees cannot split on it. */
function maskFeatures(data: RankingDataset, keep: readonly FeatureName[]): RankingDataset {
  const x = data.x.slice();
  const kept = new Set(keep.map((f) => featureIndex[f]));
  const F = data.featureCount;
  for (let f = 0; f < F; f++) {
    if (kept.has(f)) continue;
    for (let r = 0; r < data.labels.length; r++) x[r * F + f] = MISSING;
  }
  return { ...data, x };
}

/**
 * Trains a ranking model on every impression of a log (pairs only), as serving will use it: `knownFrom`
 * `impression` for live logs, whose popularity and clicks serving sees as they happen.
 */
export async function trainRankingOnLog(
  impressions: readonly LogImpression[],
  articles: ReadonlyMap<string, LogArticle>,
  encodeUsers: EncodeUsers,
  opts: { knownFrom: 'impression' | 'day'; params?: Partial<RankingTrainParams>; onProgress?: (p: RankingTrainProgress) => void | Promise<void> },
): Promise<RankingTrainResult & { impressions: number }> {
  const rows = await buildLogRows(impressions, articles, { knownFrom: opts.knownFrom, encodeUsers, pairsOnly: true });
  if (rows.source.length === 0) throw new Error('no impression with both a click and a skip to train the ranking model on');
  const result = await trainRankingModel(rows.data, featureNames, opts.params, opts.onProgress);
  return { ...result, impressions: rows.source.length };
}

/** Attention-pooled user vectors (no trained user model): what the baseline version serves with. */
export function encodeUsersByAttention(histories: Float32Array[][]): Promise<(Float32Array | null)[]> {
  const now = new Date();
  return Promise.resolve(
    histories.map((vectors) => {
      const history = vectors.map((vector, i) => ({ articleId: String(i), category: '', clickedAt: now, vector }));
      return buildUserVector({ interests: [], history, notInterested: [], seen: new Set() }, now).vector;
    }),
  );
}
