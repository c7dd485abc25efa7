import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';
import { bytesToVector, vectorToBytes, type CandidateArticle, type LogArticle, type LogImpression } from '@lede/ranking';
import { readGraphFiles, type TrainedUserModel } from '@lede/ranking/training';

import { embedMissingArticles } from '../../encoders/embed-articles';
import { readEncoderConfig } from '../../encoders/config';
import { importPath } from '../../ingest';
import { readLines } from '../../ingest/lines';
import { parseBehaviorLine, type TBehavior } from '../../ingest/mind/mind-behaviors';
import { readEntityIds } from '../../shared/entity-ids';
import { DAY_MS } from '../../shared/time';
import { type EncodeUsers, type FitParams } from '../../training/fit';
import { type FeatureLog } from './learned';
import { type LabeledImpression } from './offline';
import { readVectorsFile, storeFileVectors, type VectorsFile } from './vectors-file';

const SOURCE = 'mind';

interface ArticleInfo {
  id: string;
  category: string;
  subcategory: string | null;
  publishedAt: Date;
  vector: Float32Array | null;
  text: string;
  entities: ReadonlySet<string> | null;
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
  fitted?: { model: TrainedUserModel; crossFitted: EncodeUsers; training: FitParams & { examples: number; steps: number; seconds: number } };
}

/**
 * Imports train and dev into the scratch database, embeds, and reads back every dev impression with its
 * candidates (popularity from the train split) and both splits as a feature log.
 */
export async function prepareMindSession(
  opts: {
    train: string;
    dev: string;
    /** A scratch database of the caller's; never the demo database. */
    db: Db;
    log?: (msg: string) => void;
    /** Precomputed article vectors (JSONL, see vectors-file.ts) used instead of the product encoder. */
    vectors?: string;
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
    [...articles].map(([newsId, a]) => [
      newsId,
      { category: a.category, subcategory: a.subcategory, publishedAt: a.publishedAt, vector: a.vector, text: a.text, entities: a.entities },
    ]),
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

async function loadArticles(db: Db, encoderVersion: string | null): Promise<Map<string, ArticleInfo>> {
  const rows = await db.article.findMany({
    where: { source: SOURCE },
    select: {
      id: true, externalId: true, category: true, subcategory: true, publishedAt: true, title: true, abstract: true, entities: true,
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
        entities: readEntityIds(r.entities),
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
