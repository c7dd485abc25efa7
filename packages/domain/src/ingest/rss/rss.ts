import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { type Db } from '@lede/db';

import { addNote, clampPublishedAt, parseLooseDate, ZOptionalHttpUrl } from '../article-fields';
import { type ArticleRow, readImageUrl, upsertArticles } from '../writer/article-writer';
import { BadItems, enforceBadItemPolicy, recordBadItem } from '../bad-items';
import { describeZodIssue, ImportError } from '../errors';
import { parseFeedXml, type RawFeedItem } from './rss-xml';
import { batchTxOptions, createSummary, defaultBatchSize, type ImportOptions, type ImportSummary } from '../types';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A numeric character reference; out-of-range ones (`&#99999999;`) become U+FFFD instead of a RangeError. */
function decodeCodePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '\uFFFD';
}

/** Feed summaries are HTML fragments; articles store plain text. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return decodeCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return decodeCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

const ZFeedItem = z.object({
  externalId: z.string().min(1),
  title: z.string({ error: 'missing, and no description to take one from' }).min(1, 'missing, and no description to take one from'),
  summary: z.string(),
  category: z.string().default('general'),
  link: ZOptionalHttpUrl,
  author: z.string().optional(),
});

/** Real feeds leave out a title (podcasts, microblogs): the description's first words stand in. */
function readTitle(item: RawFeedItem, summary: string): string | undefined {
  const title = item.title && stripHtml(item.title);
  if (title) return title;
  if (!summary) return undefined;
  return summary.length <= 120 ? summary : `${summary.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}

interface FeedContext {
  source: string;
  file: string;
  /** The feed's own date, else the import time: for items whose date is missing or unreadable. */
  fallbackDate: Date;
  now: Date;
  summary: ImportSummary;
}

/** One item -> an article row, or an ImportError naming its line; date notes go to the summary. */
function toArticle(item: RawFeedItem, c: FeedContext): ArticleRow {
  const summary = stripHtml(item.summary ?? '');
  const title = readTitle(item, summary);
  // Without a guid/id or a link, the title and date identify the item, so re-importing updates it.
  const externalId = item.externalId ?? (title ? `sha1:${crypto.createHash('sha1').update(`${title}\0${item.rawDate ?? item.date?.toISOString() ?? ''}`).digest('hex')}` : undefined);
  const parsed = ZFeedItem.safeParse({ ...item, externalId, title, summary });
  if (!parsed.success) throw new ImportError(c.file, item.line, describeZodIssue(parsed.error.issues));
  const a = parsed.data;
  let date = item.date ?? parseLooseDate(item.rawDate);
  if (!date) {
    date = c.fallbackDate;
    addNote(c.summary, `${c.file}:${item.line}: date ${item.rawDate ? `"${item.rawDate}" unreadable` : 'missing'}, dated ${date.toISOString()}`);
  }
  return {
    source: c.source,
    externalId: a.externalId,
    title: a.title,
    abstract: a.summary,
    category: stripHtml(a.category) || 'general',
    subcategory: null,
    url: a.link || null,
    imageUrl: readImageUrl(item.image),
    authors: a.author ?? null,
    publishedAt: clampPublishedAt(date, c.now, `${c.file}:${item.line}`, c.summary),
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
 * Imports an RSS (0.9x, 1.0/RDF, 2.0) or Atom file. Feeds are small (one page of recent items), so the document
 * is parsed whole and every item checked before the first write (see bad-items.ts); rows are written in batches.
 * Source: the option, else the feed's link host, else the file name.
 */
export async function importFeed(db: Db, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createSummary();
  const feed = parseFeedXml(fs.readFileSync(file, 'utf8'), file);
  const now = new Date();
  const context: FeedContext = {
    source: options.source ?? readHost(feed.link) ?? path.basename(file, path.extname(file)),
    file,
    fallbackDate: feed.date && feed.date <= now ? feed.date : now,
    now,
    summary,
  };
  const bad = new BadItems();
  const rows: ArticleRow[] = [];
  for (const item of feed.items) {
    try {
      rows.push(toArticle(item, context));
    } catch (err) {
      recordBadItem(bad, err);
    }
  }
  enforceBadItemPolicy(bad, options, summary);
  // A feed is one page of items: one transaction, so it is published whole or not at all.
  const batchSize = options.batchSize ?? defaultBatchSize;
  await db.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += batchSize) await upsertArticles(tx, rows.slice(i, i + batchSize), { newArticles: options.newArticles });
  }, batchTxOptions);
  summary.articles = rows.length;
  options.onProgress?.({ file, line: feed.items.at(-1)?.line ?? 0, rows: summary.articles });
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
