import fs from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { type Db } from '@lede/db';

import { type ArticleRow, upsertArticles } from './article-writer';
import { describeZodIssue, ImportError } from './errors';
import { parseFeedXml, type RawFeedItem } from './rss-xml';
import { batchTxOptions, createSummary, defaultBatchSize, type ImportOptions, type ImportSummary } from './types';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Feed summaries are HTML fragments; articles store plain text. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

const ZFeedItem = z.object({
  externalId: z.string({ error: 'missing (no guid, id or link)' }).min(1),
  title: z.string({ error: 'missing' }).min(1),
  summary: z.string().default(''),
  category: z.string().default('general'),
  link: z.string().optional(),
  author: z.string().optional(),
  date: z.string({ error: 'missing (no pubDate, published or updated)' }).refine((s) => !Number.isNaN(Date.parse(s)), 'unreadable date'),
});

function toArticle(item: RawFeedItem, source: string, fallbackDate: string | undefined, file: string): ArticleRow {
  const parsed = ZFeedItem.safeParse({
    ...item,
    title: item.title && stripHtml(item.title),
    date: item.date ?? fallbackDate,
  });
  if (!parsed.success) throw new ImportError(file, item.line, describeZodIssue(parsed.error.issues));
  const a = parsed.data;
  return {
    source,
    externalId: a.externalId,
    title: a.title,
    abstract: stripHtml(a.summary),
    category: stripHtml(a.category) || 'general',
    subcategory: null,
    url: a.link ?? null,
    authors: a.author ?? null,
    publishedAt: new Date(a.date),
  };
}

function readHost(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Imports an RSS 2.0 or Atom file. Feeds are small (one page of recent items), so the document is parsed whole;
 * items are still written in batches. Source: the option, else the feed's link host, else the file name.
 */
export async function importFeed(db: Db, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createSummary();
  const feed = parseFeedXml(fs.readFileSync(file, 'utf8'), file);
  const source = options.source ?? readHost(feed.link) ?? path.basename(file, path.extname(file));
  const batchSize = options.batchSize ?? defaultBatchSize;
  let pending: ArticleRow[] = [];
  const flush = async (line: number) => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await db.$transaction((tx) => upsertArticles(tx, rows), batchTxOptions);
    summary.articles += rows.length;
    options.onProgress?.({ file, line, rows: summary.articles });
  };
  for (const item of feed.items) {
    try {
      pending.push(toArticle(item, source, feed.date, file));
    } catch (err) {
      await flush(item.line);
      throw err;
    }
    if (pending.length >= batchSize) await flush(item.line);
  }
  await flush(feed.items.at(-1)?.line ?? 0);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
