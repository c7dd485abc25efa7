import { z } from 'zod';

import { type Db } from '@lede/db';

import { type BehaviorBatch, createBehaviorBatch, type UserCache, writeBehaviorBatch } from '../writer/behavior-writer';
import { type BadItems } from '../bad-items';
import { describeZodIssue, ImportError } from '../errors';
import { getFileSize, readItemLines } from '../lines';
import { parseMindTime } from './mind-time';
import { batchTxOptions, createSummary, defaultBatchSize, type ImportSummary, type ProgressFn } from '../types';

const ZBehavior = z.object({
  impressionId: z.string().min(1, 'empty impression id'),
  userId: z.string().min(1, 'empty user id'),
  time: z.string().transform((s, ctx) => {
    const date = parseMindTime(s);
    if (!date) ctx.addIssue({ code: 'custom', message: `expected a time like 11/15/2019 8:55:22 AM, got "${s}"` });
    return date ?? new Date(0);
  }),
  history: z.string().transform((s) => s.split(' ').filter(Boolean)),
  impressions: z
    .string()
    .transform((s) => s.split(' ').filter(Boolean).map(parseImpressionItem))
    .refine((items) => items.length > 0, 'no impressions'),
});

export type TBehavior = z.infer<typeof ZBehavior>;

/** `N123-1` -> clicked, `N123-0` -> not clicked, `N123` (MIND test split) -> no label. */
function parseImpressionItem(item: string): { newsId: string; clicked: boolean } {
  const dash = item.lastIndexOf('-');
  const label = dash > 0 ? item.slice(dash + 1) : '';
  if (label === '0' || label === '1') return { newsId: item.slice(0, dash), clicked: label === '1' };
  return { newsId: item, clicked: false };
}

export function parseBehaviorLine(text: string, file: string, line: number): TBehavior {
  const cols = text.split('\t');
  if (cols.length !== 5) throw new ImportError(file, line, `expected 5 tab-separated columns, got ${cols.length}`);
  const [impressionId, userId, time, history, impressions] = cols;
  const parsed = ZBehavior.safeParse({ impressionId, userId, time, history, impressions });
  if (!parsed.success) throw new ImportError(file, line, describeZodIssue(parsed.error.issues));
  return parsed.data;
}

/** The first impression of a behaviors line whose news id `hasNews` does not know. */
export function findMissingNews(impressions: readonly { newsId: string }[], hasNews: (newsId: string) => boolean): string | undefined {
  return impressions.find(({ newsId }) => !hasNews(newsId))?.newsId;
}

export interface BehaviorImportOptions {
  /** Namespace of readers (`source:userId`), requests (`source:impressionId`) and click ids. */
  source: string;
  /** News id -> article id for every article the file may name. */
  articleIds: ReadonlyMap<string, string>;
  onProgress?: ProgressFn;
  batchSize?: number;
  /** Shared by the splits of one import, so a click is not counted again from a later split's history. */
  state?: BehaviorState;
  /** Lines found bad by checkMindFolder and skipped (`skipInvalid`). */
  skip?: BadItems;
}

/** What one import run knows across lines and files (train then dev share it). */
export interface BehaviorState {
  cache: UserCache;
  /** Articles each reader is known to have clicked in this run: history repeats them line after line. */
  clicked: Map<string, Set<string>>;
}

export function createBehaviorState(): BehaviorState {
  return { cache: new Map(), clicked: new Map() };
}

interface FileCounts {
  users: Set<string>;
  skipped: number;
}

function addBehavior(b: TBehavior, file: string, line: number, o: BehaviorImportOptions, s: BehaviorState, batch: BehaviorBatch, counts: FileCounts) {
  // Check before touching the batch, so a rejected line leaves nothing of itself behind.
  const missing = findMissingNews(b.impressions, (id) => o.articleIds.has(id));
  if (missing) throw new ImportError(file, line, `impression names news id ${missing}, which is not in news.tsv`);
  const userKey = `${o.source}:${b.userId}`;
  const requestId = `${o.source}:${b.impressionId}`;
  const clicked = s.clicked.get(userKey) ?? new Set<string>();
  s.clicked.set(userKey, clicked);
  batch.userKeys.add(userKey);
  counts.users.add(userKey);
  b.history.forEach((newsId, k) => {
    const articleId = o.articleIds.get(newsId);
    if (!articleId) {
      counts.skipped += 1; // MIND histories name news outside news.tsv; they cannot be stored
      return;
    }
    if (clicked.has(articleId)) return;
    clicked.add(articleId);
    const createdAt = new Date(b.time.getTime() - (b.history.length - k) * 1000); // in order, just before
    const clientEventId = `${o.source}:${b.userId}:history:${newsId}`;
    batch.clicks.push({ clientEventId, userKey, articleId, requestId: null, position: null, createdAt, fromHistory: true });
  });
  b.impressions.forEach(({ newsId, clicked: isClick }, position) => {
    const articleId = o.articleIds.get(newsId) ?? '';
    batch.impressions.push({ requestId, userKey, articleId, position, createdAt: b.time });
    if (!isClick) return;
    clicked.add(articleId);
    const clientEventId = `${requestId}:${newsId}`;
    batch.clicks.push({ clientEventId, userKey, articleId, requestId, position, createdAt: b.time, fromHistory: false });
  });
}

/** Imports a MIND behaviors.tsv: readers, impressions, clicks (from labels and from history lists). */
export async function importMindBehaviors(db: Db, file: string, options: BehaviorImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createSummary();
  const batchSize = options.batchSize ?? defaultBatchSize;
  const state = options.state ?? createBehaviorState();
  const counts: FileCounts = { users: new Set(), skipped: 0 };
  const totalBytes = getFileSize(file);
  let batch = createBehaviorBatch();
  let last = { line: 0, bytes: 0 };

  const flush = async () => {
    if (batch.userKeys.size === 0) return;
    const pending = batch;
    batch = createBehaviorBatch();
    const written = await db.$transaction((tx) => writeBehaviorBatch(tx, pending, state.cache), batchTxOptions);
    summary.impressions += written.impressions;
    summary.events += written.events;
    const rows = counts.users.size + summary.impressions + summary.events;
    options.onProgress?.({ file, line: last.line, rows, bytes: last.bytes, totalBytes });
  };

  for await (const { line, text, bytes } of readItemLines(file, summary, options.skip)) {
    last = { line, bytes };
    try {
      addBehavior(parseBehaviorLine(text, file, line), file, line, options, state, batch, counts);
    } catch (err) {
      await flush(); // every line before the bad one stays stored
      throw err;
    }
    if (batch.impressions.length + batch.clicks.length >= batchSize) await flush();
  }
  await flush();
  summary.users = counts.users.size;
  summary.skipped += counts.skipped;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
