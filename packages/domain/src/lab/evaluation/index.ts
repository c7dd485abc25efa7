import fs from 'node:fs';

import { type Db } from '@lede/db';

import { CROSS_FOLDS, defaultFitParams, fitCrossFoldUsers, fitUserModel, type FitParams } from '../../training/fit';
import { loadClickData, toClickImpressions } from '../../training/dataset';
import { measureDiversity, rerankWithMmr } from './diversity';
import { featureRankerNames, scoreFeatureRankers, type FeatureRankerName } from './learned';
import { prepareMindSession, type MindSession } from './mind-session';
import { attachUserVectors, measureScores, scoreImpressions } from './offline';
import { scoreRankerNames, type ScoreRankerName } from './rankers';

export { prepareMindSession, type MindSession } from './mind-session';
export { createRanker, scoreRankerNames, type EvalImpression, type ScoreRankerName } from './rankers';
export { encodeUsersByAttention, featureRankerNames, scoreFeatureRankers, trainRankingOnLog, type FeatureLog, type FeatureRankerName } from './learned';
export { attachUserVectors, measureScores, scoreImpressions, type LabeledImpression, type OfflineMetrics } from './offline';
export { readVectorsFile, VectorsFileError, type VectorsFile } from './vectors-file';

export const rankerNames = [...featureRankerNames, ...scoreRankerNames] as const;
export type RankerName = FeatureRankerName | ScoreRankerName;

export interface EvaluateOptions {
  train: string;
  dev: string;
  ranker: RankerName;
  /** Prediction file in the official format: `impid [r1,r2,...]`, 1-based ranks in candidate order. */
  out?: string;
  seed?: number;
  /** A scratch database of the caller's; never the demo database. */
  db: Db;
  log?: (msg: string) => void;
  /** Training of the user model (epochs, lr, negatives); the seed is `seed`. */
  fit?: Partial<Omit<FitParams, 'seed'>>;
  /** Precomputed article vectors (JSONL, see vectors-file.ts) used instead of the product encoder. */
  vectors?: string;
  /** `semantic`: the learned rankers go without the encoder-based features. */
  ablate?: 'semantic';
}

export interface EvaluationResult {
  ranker: RankerName;
  impressions: number;
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
  recall10: number;
  /** Diversity of the top 10s and their coverage of the candidates (see diversity.ts). */
  ild10: number;
  coverage10: number;
  seconds: number;
  encoder: string | null;
  ablate?: 'semantic';
  /** `mmr`: the ranker's scores re-ranked by the feed's diversity step (MMR) before measuring. */
  diversity?: 'mmr';
  training?: FitParams & { examples: number; steps: number; seconds: number };
}

/** MIND offline evaluation of one ranker: `prepareMindSession`, then `evaluateRankers`; optionally writes the prediction file. */
export async function evaluateMind(opts: EvaluateOptions): Promise<EvaluationResult> {
  const session = await prepareMindSession(opts);
  const [result] = await evaluateRankers(session, [opts.ranker], opts, (scores) => {
    if (opts.out) fs.writeFileSync(opts.out, scores.map((s, i) => `${session.impressionIds[i]} [${ranksOf(s).join(',')}]`).join('\n') + '\n');
  });
  return result!;
}

/** Ranks the session's dev impressions with each ranker; `onScores` sees the scores of each (e.g. to write predictions). */
export async function evaluateRankers(
  session: MindSession,
  rankers: readonly RankerName[],
  opts: Pick<EvaluateOptions, 'seed' | 'fit' | 'log' | 'ablate'> & {
    /** Also measure `lede` re-ranked by the feed's MMR diversity step. */
    diversity?: boolean;
  },
  onScores?: (scores: number[][], ranker: RankerName) => void,
): Promise<EvaluationResult[]> {
  const needsModel = rankers.some((r) => r === 'lede' || r === 'semantic' || r === 'blend');
  if (needsModel && !session.fitted) session.fitted = await fitOnTrain(session, opts);
  const model = session.fitted?.model;
  const encodeUsers = model ? (h: Float32Array[][]) => model.encodeUsers(h) : (h: Float32Array[][]) => Promise.resolve(h.map(() => null));
  const featureRankers = rankers.filter((r): r is FeatureRankerName => (featureRankerNames as readonly string[]).includes(r));
  const t0 = performance.now();
  const features = featureRankers.length
    ? await scoreFeatureRankers(session.featureLog, encodeUsers, featureRankers, { ablate: opts.ablate, encodeTrainUsers: session.fitted?.crossFitted })
    : null;
  const featureSeconds = (performance.now() - t0) / 1000;
  const withModel = model && rankers.includes('blend') ? await attachUserVectors(session.labeled, model) : session.labeled;
  return rankers.flatMap((ranker) => {
    const started = performance.now();
    const fromFeatures = features?.scores.get(ranker as FeatureRankerName);
    const scored = fromFeatures ? measureScores(session.labeled, fromFeatures) : scoreImpressions(ranker === 'blend' ? withModel : session.labeled, ranker as ScoreRankerName, opts.seed);
    onScores?.(scored.scores, ranker);
    const seconds = (performance.now() - started) / 1000 + (fromFeatures ? featureSeconds : 0);
    const trained = ranker === 'lede' || ranker === 'semantic' || ranker === 'blend';
    const result = (m: typeof scored, diversity?: 'mmr'): EvaluationResult => ({
      ranker,
      impressions: m.impressions,
      auc: m.auc,
      mrr: m.mrr,
      ndcg5: m.ndcg5,
      ndcg10: m.ndcg10,
      recall10: m.recall10,
      ...measureDiversity(session.labeled, m.scores),
      seconds: round(seconds, 1),
      encoder: session.encoderVersion,
      ...(opts.ablate && fromFeatures ? { ablate: opts.ablate } : {}),
      ...(diversity ? { diversity } : {}),
      ...(trained && session.fitted ? { training: session.fitted.training } : {}),
    });
    // The product serves lede's order through MMR: measured both ways, so the diversity step's cost shows.
    if (ranker !== 'lede' || !opts.diversity) return [result(scored)];
    return [result(scored), result(measureScores(session.labeled, rerankWithMmr(session.labeled, scored.scores)), 'mmr')];
  });
}

async function fitOnTrain(session: MindSession, opts: Pick<EvaluateOptions, 'seed' | 'fit' | 'log'>): Promise<NonNullable<MindSession['fitted']>> {
  const log = opts.log ?? (() => undefined);
  if (!session.encoderVersion) throw new Error('the user model trains on article vectors: install an encoder or set LEDE_ENCODER (e.g. test-tiny-bert)');
  const data = await loadClickData(session.db, { to: session.devStart, encoderVersion: session.encoderVersion });
  const fitParams = { ...defaultFitParams, ...opts.fit, seed: opts.seed ?? defaultFitParams.seed };
  const t0 = performance.now();
  let last = 0;
  const impressions = toClickImpressions(data);
  const fit = await fitUserModel(impressions, fitParams, {
    onStep: (p) => {
      if (p.batch === p.batchesPerEpoch || performance.now() - last > 5000) {
        last = performance.now();
        log(`train epoch ${p.epoch + 1}/${fitParams.epochs} batch ${p.batch}/${p.batchesPerEpoch} loss ${p.loss.toFixed(4)}`);
      }
    },
  });
  // Fold by the readers' MIND ids (the feature log's readers), not the scratch database's.
  const users = await session.db.user.findMany({ where: { id: { in: [...new Set(data.impressions.map((i) => i.userId))] } }, select: { id: true, externalId: true } });
  const external = new Map(users.map((u) => [u.id, u.externalId ?? u.id]));
  const clicks = impressions.map((imp) => ({ ...imp, reader: external.get(imp.reader) ?? imp.reader }));
  const crossFitted = await fitCrossFoldUsers(clicks, fitParams, CROSS_FOLDS, (k, n) => log(`cross-fitting user model ${k}/${n}`));
  return { model: fit.model, crossFitted, training: { examples: fit.examples, steps: fit.state.step, seconds: round((performance.now() - t0) / 1000, 1), ...fitParams } };
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** 1-based ranks in candidate order; ties keep candidate order (earlier first). */
export function ranksOf(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const ranks = new Array<number>(scores.length);
  order.forEach(([, i], r) => (ranks[i] = r + 1));
  return ranks;
}

export { countSuiteOutcomes, describeCeiling, findSignificantLosses, findSuiteFailures, formatSuiteTable, runEvaluationSuite, suiteBaselines, type SuiteOptions, type SuiteRow } from './suite';
export { comparePaired, type PairedComparison, type PairedDifference } from './significance';
