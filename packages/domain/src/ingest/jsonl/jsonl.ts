import { z } from 'zod';

import { type Db } from '@lede/db';

import { createDemoSpread, resolveShiftNow } from '../../shared/demo-clock';
import { clampPublishedAt, ZOptionalHttpUrl } from '../article-fields';
import { type ArticleRow, createArticleBatches, readImageUrl } from '../writer/article-writer';
import { BadItems, enforceBadItemPolicy, scanInvalidLines } from '../bad-items';
import { describeZodIssue, ImportError } from '../errors';
import { getFileSize, readItemLines, readLines } from '../lines';
import {
  createSummary,
  defaultBatchSize,
  type ImportOptions,
  type ImportSummary,
} from '../types';

const ZJsonlArticle = z.object({
  id: z.string().trim().min(1),
  source: z.string().trim().min(1),
  title: z.string().trim().min(1),
  description: z.string().default(''),
  category: z.string().trim().min(1),
  published: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date (YYYY-MM-DD or ISO 8601)'),
  url: ZOptionalHttpUrl,
  /** Lead image URL; kept only when it is http or https. */
  image: z.string().nullish(),
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
    imageUrl: readImageUrl(a.image),
    authors: a.authors || null,
    publishedAt: new Date(a.published),
  };
}

const publishedField = /"published"\s*:\s*"([^"]+)"/;

/** Cheap first pass for the demo spread: a regex per line, no JSON parsing. */
export async function scanPublishedRange(file: string): Promise<{ oldest: Date; newest: Date } | undefined> {
  let newest = -Infinity;
  let oldest = Infinity;
  for await (const { text } of readLines(file)) {
    const t = Date.parse(publishedField.exec(text)?.[1] ?? '');
    if (t > newest) newest = t;
    if (t < oldest) oldest = t;
  }
  return Number.isFinite(newest) ? { oldest: new Date(oldest), newest: new Date(newest) } : undefined;
}

/**
 * Imports a JSONL file of articles (demo corpus fields), upserting on (source, id). Every line is checked
 * before the first write (bad-items.ts), so a bad line publishes nothing unless `skipInvalid` is set.
 */
export async function importJsonl(db: Db, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createSummary();
  const bad = new BadItems();
  await scanInvalidLines(file, bad, (text, line) => parseJsonlArticle(text, file, line, options.source));
  enforceBadItemPolicy(bad, options, summary);
  const importedAt = new Date();
  const now = resolveShiftNow(options.shiftToNow);
  const range = now ? await scanPublishedRange(file) : undefined;
  const spread = now && range ? createDemoSpread(range, now) : undefined;
  const batches = createArticleBatches(db, {
    file,
    totalBytes: getFileSize(file),
    batchSize: options.batchSize ?? defaultBatchSize,
    upsert: { newArticles: options.newArticles },
    summary,
    onProgress: options.onProgress,
  });
  for await (const { line, text, bytes } of readItemLines(file, summary, bad)) {
    const row = parseJsonlArticle(text, file, line, options.source);
    if (spread) row.publishedAt = spread(row.publishedAt);
    row.publishedAt = clampPublishedAt(row.publishedAt, importedAt, `${file}:${line}`, summary);
    await batches.add(row, { line, bytes });
  }
  await batches.flush();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
