import { z } from 'zod';

import { type Db } from '@lede/db';

import { computeDemoShiftMs, resolveShiftNow } from '../shared/demo-clock';
import { type ArticleRow, upsertArticles } from './article-writer';
import { describeZodIssue, ImportError } from './errors';
import { getFileSize, readLines } from './lines';
import {
  batchTxOptions,
  createSummary,
  defaultBatchSize,
  type ImportOptions,
  type ImportSummary,
} from './types';

const ZJsonlArticle = z.object({
  id: z.string().trim().min(1),
  source: z.string().trim().min(1),
  title: z.string().trim().min(1),
  description: z.string().default(''),
  category: z.string().trim().min(1),
  published: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date (YYYY-MM-DD or ISO 8601)'),
  url: z.string().nullish(),
  authors: z.string().nullish(),
});

export type TJsonlArticle = z.infer<typeof ZJsonlArticle>;

/** One line of the demo corpus format -> an article row; throws ImportError naming file:line. */
export function parseJsonlArticle(text: string, file: string, line: number, source?: string): ArticleRow {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError(file, line, `invalid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = ZJsonlArticle.safeParse(json);
  if (!parsed.success) throw new ImportError(file, line, describeZodIssue(parsed.error.issues));
  const a = parsed.data;
  return {
    source: source ?? a.source,
    externalId: a.id,
    title: a.title,
    abstract: a.description.trim(),
    category: a.category,
    subcategory: null,
    url: a.url || null,
    authors: a.authors || null,
    publishedAt: new Date(a.published),
  };
}

const publishedField = /"published"\s*:\s*"([^"]+)"/;

/** Cheap first pass for the shift: a regex per line, no JSON parsing. */
export async function scanNewestPublished(file: string): Promise<Date | undefined> {
  let newest = -Infinity;
  for await (const { text } of readLines(file)) {
    const t = Date.parse(publishedField.exec(text)?.[1] ?? '');
    if (t > newest) newest = t;
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}

/** Imports a JSONL file of articles (demo corpus fields), upserting on (source, id). */
export async function importJsonl(db: Db, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createSummary();
  const batchSize = options.batchSize ?? defaultBatchSize;
  const now = resolveShiftNow(options.shiftToNow);
  const newest = now ? await scanNewestPublished(file) : undefined;
  const shiftMs = now && newest ? computeDemoShiftMs(newest, now) : 0;
  const totalBytes = getFileSize(file);
  let pending: ArticleRow[] = [];
  let last = { line: 0, bytes: 0 };

  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await db.$transaction((tx) => upsertArticles(tx, rows), batchTxOptions);
    summary.articles += rows.length;
    options.onProgress?.({ file, line: last.line, rows: summary.articles, bytes: last.bytes, totalBytes });
  };

  for await (const { line, text, bytes } of readLines(file)) {
    last = { line, bytes };
    if (text.trim() === '') {
      summary.skipped += 1;
      continue;
    }
    let row: ArticleRow;
    try {
      row = parseJsonlArticle(text, file, line, options.source);
    } catch (err) {
      await flush(); // rows before the bad one stay stored
      throw err;
    }
    if (shiftMs !== 0) row.publishedAt = new Date(row.publishedAt.getTime() + shiftMs);
    pending.push(row);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
