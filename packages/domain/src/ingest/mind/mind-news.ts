import { z } from 'zod';

import { type Db } from '@lede/db';

import { joinEntityIds } from '../../shared/entity-ids';

import { ZOptionalHttpUrl } from '../article-fields';
import { type ArticleRow, createArticleBatches } from '../writer/article-writer';
import { type BadItems } from '../bad-items';
import { describeZodIssue, ImportError } from '../errors';
import { getFileSize, readItemLines, readLines } from '../lines';
import { parseMindTime } from './mind-time';
import { defaultBatchSize, type ImportSummary, type NewArticleState, type ProgressFn } from '../types';

const columns = 'id, category, subcategory, title, abstract, url, title_entities, abstract_entities';

const ZNews = z.object({
  id: z.string().min(1, 'empty news id'),
  category: z.string().min(1, 'empty category'),
  subcategory: z.string(),
  title: z.string().trim().min(1, 'empty title'),
  abstract: z.string(),
  url: ZOptionalHttpUrl,
});

/** news.tsv -> article row; MIND news carry no date, the caller supplies one. */
export function parseNewsLine(text: string, file: string, line: number, source: string): Omit<ArticleRow, 'publishedAt'> {
  const cols = text.split('\t');
  if (cols.length < 4 || cols.length > 8) {
    throw new ImportError(file, line, `expected 8 tab-separated columns (${columns}), got ${cols.length}`);
  }
  const [id, category, subcategory, title, abstract, url, titleEntities, abstractEntities] = cols;
  const parsed = ZNews.safeParse({ id, category, subcategory, title, abstract: abstract ?? '', url: url ?? '' });
  if (!parsed.success) throw new ImportError(file, line, describeZodIssue(parsed.error.issues));
  const n = parsed.data;
  return {
    source,
    externalId: n.id,
    title: n.title,
    abstract: n.abstract.trim(),
    category: n.category,
    subcategory: n.subcategory || null,
    url: n.url || null,
    authors: null,
    entities: joinEntityIds([
      ...readEntityColumn(titleEntities, 'title_entities', file, line),
      ...readEntityColumn(abstractEntities, 'abstract_entities', file, line),
    ]),
  };
}

/**
 * The WikidataIds of one entities column: a JSON list of objects (`[{"Label": …, "WikidataId": "Q80976", …}]`).
 * Empty or absent is none; an entity without an id is passed over; anything that is not a JSON list fails
 * the line like any other bad column (the ranking model's entity feature reads these ids).
 */
function readEntityColumn(text: string | undefined, column: string, file: string, line: number): string[] {
  if (!text?.trim()) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError(file, line, `${column}: not JSON (expected a list of entities with a WikidataId)`);
  }
  if (!Array.isArray(value)) throw new ImportError(file, line, `${column}: expected a JSON list of entities`);
  return value.flatMap((e: unknown) => {
    const id = e && typeof e === 'object' && 'WikidataId' in e ? e.WikidataId : undefined;
    return typeof id === 'string' && id.trim() ? [id.trim()] : [];
  });
}

export interface FirstSeen {
  /** News id -> time of the first impression or history naming it. */
  times: Map<string, Date>;
}

/**
 * A quick pass over behaviors.tsv (no validation; the real pass reports bad lines) for the first time each news
 * item is shown: the usual stand-in for a publication date in MIND, where news.tsv has none.
 */
export async function scanFirstSeen(file: string): Promise<FirstSeen> {
  const times = new Map<string, number>();
  for await (const { text } of readLines(file)) {
    const cols = text.split('\t');
    const t = parseMindTime(cols[2] ?? '')?.getTime();
    if (t === undefined || cols.length !== 5) continue;
    const ids = `${cols[3]} ${cols[4]}`.split(' ');
    for (const item of ids) {
      if (!item) continue;
      const dash = item.lastIndexOf('-');
      const label = item.slice(dash + 1);
      const id = dash > 0 && (label === '0' || label === '1') ? item.slice(0, dash) : item;
      const seen = times.get(id);
      if (seen === undefined || t < seen) times.set(id, t);
    }
  }
  const dates = new Map([...times].map(([id, t]) => [id, new Date(t)]));
  return { times: dates };
}

export interface NewsImportOptions {
  source: string;
  firstSeen: FirstSeen;
  /** Date for news that no behavior names. */
  fallback: Date;
  onProgress?: ProgressFn;
  batchSize?: number;
  /** Lines found bad by checkMindFolder and skipped (`skipInvalid`). */
  skip?: BadItems;
  newArticles?: NewArticleState;
}

/** Imports news.tsv; returns news id -> article id for the behaviors that follow. */
export async function importMindNews(
  db: Db,
  file: string,
  options: NewsImportOptions,
  summary: ImportSummary,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const batches = createArticleBatches(db, {
    file,
    totalBytes: getFileSize(file),
    batchSize: options.batchSize ?? defaultBatchSize,
    upsert: { publishedAt: 'earliest', returnIds: true, newArticles: options.newArticles },
    summary,
    onProgress: options.onProgress,
    onStored: (stored) => {
      for (const [id, articleId] of stored.get(options.source) ?? []) ids.set(id, articleId);
    },
  });
  for await (const { line, text, bytes } of readItemLines(file, summary, options.skip)) {
    let row: ArticleRow;
    try {
      const parsed = parseNewsLine(text, file, line, options.source);
      row = { ...parsed, publishedAt: options.firstSeen.times.get(parsed.externalId) ?? options.fallback };
    } catch (err) {
      await batches.flush();
      throw err;
    }
    await batches.add(row, { line, bytes });
  }
  await batches.flush();
  return ids;
}
