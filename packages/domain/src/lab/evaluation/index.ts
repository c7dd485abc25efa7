import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';
import { bytesToVector, vectorToBytes, type CandidateArticle, type LogArticle, type LogImpression } from '@lede/ranking';
import { readGraphFiles, type TrainedUserModel } from '@lede/ranking/training';

import { embedMissingArticles } from '../../encoders/embed-articles';
import { readEncoderConfig } from '../../encoders/config';
import { importPath } from '../../ingest';
import { readLines } from '../../ingest/lines';
import { parseBehaviorLine, type TBehavior } from '../../ingest/mind-behaviors';
import { DAY_MS } from '../../shared/time';
import { CROSS_FOLDS, defaultFitParams, fitCrossFoldUsers, fitUserModel, type EncodeUsers, type FitParams } from '../../training/fit';
import { loadClickData, toClickImpressions } from '../../training/dataset';
import { measureDiversity, rerankWithMmr } from './diversity';
import { featureRankerNames, scoreFeatureRankers, type FeatureLog, type FeatureRankerName } from './learned';
import { attachUserVectors, measureScores, scoreImpressions, type LabeledImpression } from './offline';
import { scoreRankerNames, type ScoreRankerName } from './rankers';
import { readVectorsFile, storeFileVectors, type VectorsFile } from './vectors-file';

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

const SOURCE = 'mind';

interface ArticleInfo {
  id: string;
  category: string;
  subcategory: string | null;
  publishedAt: Date;
  vector: Float32Array | null;
  text: string;
}

/** A MIND log imported and loaded once, ready to be ranked by any number of rankers. */
export interface MindSession {
  db: Db;
  encoderVersion: string | null;
  devStart: Date;
  labeled: LabeledImpression[];
  impressionIds: string[];
  featureLog: FeatureLog;
  /**
   * The user model fitted on the train split, once a ranker needs it, and the cross-fitted user vectors the
   * ranking model's training rows are built with.
   */
  fitted?: { model: TrainedUserModel; crossFitted: EncodeUsers; training: NonNullable<EvaluationResult['training']> };
}

/** MIND offline evaluation of one ranker: `prepareMindSession`, then `evaluateRankers`; optionally writes the prediction file. */
export async function evaluateMind(opts: EvaluateOptions): Promise<EvaluationResult> {
  const session = await prepareMindSession(opts);
  const [result] = await evaluateRankers(session, [opts.ranker], opts, (scores) => {
    if (opts.out) fs.writeFileSync(opts.out, scores.map((s, i) => `${session.impressionIds[i]} [${ranksOf(s).join(',')}]`).join('\n') + '\n');
  });
  return result!;
}

/**
 * Imports train and dev into the scratch database, embeds, and reads back every dev impression with its
 * candidates (popularity from the train split) and both splits as a feature log.
 */
export async function prepareMindSession(
  opts: Pick<EvaluateOptions, 'train' | 'dev' | 'db' | 'log' | 'vectors'> & {
    /** Encoder vectors by news id from an earlier session (a suite embeds each article once); filled with this one's. */
    reuseVectors?: Map<string, Float32Array>;
  },
): Promise<MindSession> {
  const log = opts.log ?? (() => undefined);
  const { db } = opts;
  // A bad vectors file fails before the import; the user model's graph has a fixed input width.
  const vectors = opts.vectors ? await readVectorsFile(opts.vectors, { dims: readGraphFiles().spec.dims }) : null;
  for (const dir of [opts.train, opts.dev]) {
    if (!fs.existsSync(path.join(dir, 'behaviors.tsv'))) throw new Error(`${dir}: no behaviors.tsv (expected a MIND folder)`);
    const s = await importPath(db, dir, { source: SOURCE });
    log(`imported ${dir}: ${s.articles} articles, ${s.impressions} impressions`);
  }
  const encoderVersion = await embedArticles(db, vectors, log, opts.reuseVectors);
  const articles = await loadArticles(db, encoderVersion);
  if (opts.reuseVectors) for (const [newsId, a] of articles) if (a.vector) opts.reuseVectors.set(newsId, a.vector);
  const devFile = path.join(opts.dev, 'behaviors.tsv');
  const trainFile = path.join(opts.train, 'behaviors.tsv');
  const devStart = await firstImpressionTime(devFile);
  const popularity = await fitPopularity(trainFile, devStart);
  const labeled: LabeledImpression[] = [];
  const impressionIds: string[] = [];
  const logged: { imp: LogImpression; dev: number }[] = [];
  for await (const { text, line } of readLines(trainFile)) {
    if (text.trim()) logged.push({ imp: toLogImpression(parseBehaviorLine(text, trainFile, line)), dev: -1 });
  }
  for await (const { text, line } of readLines(devFile)) {
    if (!text.trim()) continue;
    const b = parseBehaviorLine(text, devFile, line);
    logged.push({ imp: toLogImpression(b), dev: labeled.length });
    const candidates = b.impressions.map(({ newsId }, i): CandidateArticle => {
      const a = articles.get(newsId);
      // A candidate missing from news.tsv still gets ranked on the signals it has (none but its position).
      return {
        id: a?.id ?? `missing:${newsId}:${i}`,
        category: a?.category ?? '',
        publishedAt: a?.publishedAt ?? b.time,
        vector: a?.vector ?? null,
        popularity: popularity.get(newsId) ?? { clicks: 0, impressions: 0 },
        editorial: { pinnedUntil: null, boost: 1 },
      };
    });
    const history = b.history.slice(-50).reverse().flatMap((newsId) => {
      const a = articles.get(newsId);
      return a ? [{ articleId: a.id, category: a.category, clickedAt: b.time, vector: a.vector }] : [];
    });
    labeled.push({ time: b.time, history, candidates, labels: b.impressions.map((i) => (i.clicked ? 1 : 0)) });
    impressionIds.push(b.impressionId);
  }
  // Stable: impressions at the same time keep file order.
  logged.sort((a, b) => a.imp.time.getTime() - b.imp.time.getTime());
  const featureArticles = new Map<string, LogArticle>(
    [...articles].map(([newsId, a]) => [newsId, { category: a.category, subcategory: a.subcategory, publishedAt: a.publishedAt, vector: a.vector, text: a.text }]),
  );
  return {
    db,
    encoderVersion,
    devStart,
    labeled,
    impressionIds,
    featureLog: { impressions: logged.map((l) => l.imp), devIndex: logged.map((l) => l.dev), articles: featureArticles },
  };
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
  const fit = await fitUserModel(toClickImpressions(data), fitParams, {
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
  const clicks = toClickImpressions(data).map((imp) => ({ ...imp, reader: external.get(imp.reader) ?? imp.reader }));
  const crossFitted = await fitCrossFoldUsers(clicks, fitParams, CROSS_FOLDS, (k, n) => log(`cross-fitting user model ${k}/${n}`));
  return { model: fit.model, crossFitted, training: { examples: fit.examples, steps: fit.state.step, seconds: round((performance.now() - t0) / 1000, 1), ...fitParams } };
}

function toLogImpression(b: TBehavior): LogImpression {
  return {
    reader: `${SOURCE}:${b.userId}`, // the reader's externalId once imported
    time: b.time,
    history: b.history.slice(-50).reverse(),
    candidates: b.impressions.map((i) => ({ articleId: i.newsId, clicked: i.clicked })),
  };
}

/** Article vectors for the run: the file's when one is given, else the product encoder's; their version. */
async function embedArticles(db: Db, file: VectorsFile | null, log: (msg: string) => void, reuse?: Map<string, Float32Array>): Promise<string | null> {
  if (file) {
    const n = await storeFileVectors(db, SOURCE, file);
    log(`stored ${n} article vectors from ${file.version}`);
    return file.version;
  }
  const encoder = readEncoderConfig();
  if (!encoder) return null;
  if (reuse?.size) {
    const rows = await db.article.findMany({ where: { source: SOURCE }, select: { id: true, externalId: true } });
    const data = rows.flatMap((r) => {
      const v = reuse.get(r.externalId);
      return v ? [{ articleId: r.id, encoderVersion: encoder.encoderVersion, dims: v.length, vector: vectorToBytes(v) }] : [];
    });
    for (let i = 0; i < data.length; i += 500) await db.articleVector.createMany({ data: data.slice(i, i + 500) });
  }
  const e = await embedMissingArticles(db);
  log(`embedded ${e.embedded} articles with ${e.encoderVersion}`);
  return encoder.encoderVersion;
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** 1-based ranks in candidate order; ties keep candidate order (earlier first). */
export function ranksOf(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const ranks = new Array<number>(scores.length);
  order.forEach(([, i], r) => (ranks[i] = r + 1));
  return ranks;
}

async function loadArticles(db: Db, encoderVersion: string | null): Promise<Map<string, ArticleInfo>> {
  const rows = await db.article.findMany({
    where: { source: SOURCE },
    select: {
      id: true, externalId: true, category: true, subcategory: true, publishedAt: true, title: true, abstract: true,
      vectors: encoderVersion ? { where: { encoderVersion }, select: { vector: true } } : false,
    },
  });
  return new Map(
    rows.map((r) => [
      r.externalId,
      {
        id: r.id,
        category: r.category,
        subcategory: r.subcategory,
        publishedAt: r.publishedAt,
        vector: r.vectors?.[0] ? bytesToVector(r.vectors[0].vector) : null,
        text: `${r.title} ${r.abstract}`,
      },
    ]),
  );
}

async function firstImpressionTime(file: string): Promise<Date> {
  let first = Infinity;
  for await (const { text, line } of readLines(file)) {
    if (text.trim()) first = Math.min(first, parseBehaviorLine(text, file, line).time.getTime());
  }
  if (!Number.isFinite(first)) throw new Error(`${file}: no impressions`);
  return new Date(first);
}

/** Train-period clicks and impressions per article, decayed to the start of dev with a one-day half-life. */
async function fitPopularity(file: string, at: Date) {
  const counts = new Map<string, { clicks: number; impressions: number }>();
  for await (const { text, line } of readLines(file)) {
    if (!text.trim()) continue;
    const b = parseBehaviorLine(text, file, line);
    const w = 0.5 ** (Math.max(0, at.getTime() - b.time.getTime()) / DAY_MS);
    for (const { newsId, clicked } of b.impressions) {
      const c = counts.get(newsId) ?? { clicks: 0, impressions: 0 };
      c.impressions += w;
      if (clicked) c.clicks += w;
      counts.set(newsId, c);
    }
  }
  return counts;
}
export { findSuiteFailures, formatSuiteTable, runEvaluationSuite, suiteBaselines, type SuiteOptions, type SuiteRow } from './suite';
