import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';
import { bytesToVector, type CandidateArticle } from '@lede/ranking';
import { readGraphFiles } from '@lede/ranking/training';

import { embedMissingArticles } from '../../encoders/embed-articles';
import { readEncoderConfig } from '../../encoders/config';
import { importPath } from '../../ingest';
import { readLines } from '../../ingest/lines';
import { parseBehaviorLine } from '../../ingest/mind-behaviors';
import { fitUserModel, defaultFitParams, type FitParams } from '../../training/fit';
import { loadClickData, toClickImpressions } from '../../training/dataset';
import { attachUserVectors, scoreImpressions, type LabeledImpression } from './offline';
import { type RankerName } from './rankers';
import { readVectorsFile, storeFileVectors, type VectorsFile } from './vectors-file';

export { rankerNames, createRanker, type EvalImpression, type RankerName } from './rankers';
export { attachUserVectors, scoreImpressions, type LabeledImpression, type OfflineMetrics } from './offline';
export { readVectorsFile, VectorsFileError, type VectorsFile } from './vectors-file';

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
  /** Training of the `lede` ranker's user model (epochs, lr, negatives); the seed is `seed`. */
  fit?: Partial<Omit<FitParams, 'seed'>>;
  /** Precomputed article vectors (JSONL, see vectors-file.ts) used instead of the product encoder. */
  vectors?: string;
}

export interface EvaluationResult {
  ranker: RankerName;
  impressions: number;
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
  recall10: number;
  seconds: number;
  encoder: string | null;
  training?: FitParams & { examples: number; steps: number; seconds: number };
}

const SOURCE = 'mind';
const DAY_MS = 86_400_000;

interface ArticleInfo {
  id: string;
  category: string;
  publishedAt: Date;
  vector: Float32Array | null;
}

/**
 * MIND offline evaluation: import train and dev, embed, fit what the ranker fits on train (popularity counts;
 * for `lede` the user model, on the train period's clicks), rank every dev impression, score with the official metrics and optionally write the prediction file.
 */
export async function evaluateMind(opts: EvaluateOptions): Promise<EvaluationResult> {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const { db } = opts;
  // A bad vectors file fails before the import; the user model's graph has a fixed input width.
  const vectors = opts.vectors ? await readVectorsFile(opts.vectors, { dims: opts.ranker === 'lede' ? readGraphFiles().spec.dims : undefined }) : null;
  for (const dir of [opts.train, opts.dev]) {
    if (!fs.existsSync(path.join(dir, 'behaviors.tsv'))) throw new Error(`${dir}: no behaviors.tsv (expected a MIND folder)`);
    const s = await importPath(db, dir, { source: SOURCE });
    log(`imported ${dir}: ${s.articles} articles, ${s.impressions} impressions`);
  }
  const encoderVersion = await embedArticles(db, vectors, log);
  const articles = await loadArticles(db, encoderVersion);
  const devStart = await firstImpressionTime(path.join(opts.dev, 'behaviors.tsv'));
  const popularity = await fitPopularity(path.join(opts.train, 'behaviors.tsv'), devStart);
  const labeled: LabeledImpression[] = [];
  const impressionIds: string[] = [];
  const devFile = path.join(opts.dev, 'behaviors.tsv');
  for await (const { text, line } of readLines(devFile)) {
    if (!text.trim()) continue;
    const b = parseBehaviorLine(text, devFile, line);
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
  let training: EvaluationResult['training'];
  let ranked = labeled;
  if (opts.ranker === 'lede') {
    if (!encoderVersion) throw new Error('--ranker lede trains on article vectors: install an encoder or set LEDE_ENCODER (e.g. test-tiny-bert)');
    const data = await loadClickData(db, { to: devStart, encoderVersion });
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
    training = { examples: fit.examples, steps: fit.state.step, seconds: round((performance.now() - t0) / 1000, 1), ...fitParams };
    ranked = await attachUserVectors(labeled, fit.model);
  }
  const scored = scoreImpressions(ranked, opts.ranker, opts.seed);
  if (opts.out) fs.writeFileSync(opts.out, scored.scores.map((s, i) => `${impressionIds[i]} [${ranksOf(s).join(',')}]`).join('\n') + '\n');

  return {
    ranker: opts.ranker,
    impressions: scored.impressions,
    auc: scored.auc,
    mrr: scored.mrr,
    ndcg5: scored.ndcg5,
    ndcg10: scored.ndcg10,
    recall10: scored.recall10,
    seconds: round((performance.now() - started) / 1000, 1),
    encoder: encoderVersion,
    ...(training ? { training } : {}),
  };
}

/** Article vectors for the run: the file's when one is given, else the product encoder's; their version. */
async function embedArticles(db: Db, file: VectorsFile | null, log: (msg: string) => void): Promise<string | null> {
  if (file) {
    const n = await storeFileVectors(db, SOURCE, file);
    log(`stored ${n} article vectors from ${file.version}`);
    return file.version;
  }
  const encoder = readEncoderConfig();
  if (!encoder) return null;
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
      id: true, externalId: true, category: true, publishedAt: true,
      vectors: encoderVersion ? { where: { encoderVersion }, select: { vector: true } } : false,
    },
  });
  return new Map(
    rows.map((r) => [
      r.externalId,
      { id: r.id, category: r.category, publishedAt: r.publishedAt, vector: r.vectors?.[0] ? bytesToVector(r.vectors[0].vector) : null },
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
