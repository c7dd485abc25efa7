import { type Db, Prisma } from '@lede/db';

import { createId } from './sql-ids';
import { batchTxOptions, type DbTx, type ImportSummary, type NewArticleState, type ProgressFn } from '../types';

export interface ArticleRow {
  source: string;
  externalId: string;
  title: string;
  abstract: string;
  category: string;
  subcategory: string | null;
  url: string | null;
  /** Lead image, http/https only (`readImageUrl`); absent = none. */
  imageUrl?: string | null;
  authors: string | null;
  /** Wikidata ids of the named entities, space-separated (`joinEntityIds`); absent = none (MIND news only). */
  entities?: string | null;
  publishedAt: Date;
}

/** An image URL worth storing: absolute http or https only (no data:, javascript: or relative URLs). */
export function readImageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export interface UpsertArticlesOptions {
  /**
   * `earliest` keeps a stored date when it is earlier: MIND news carry no date, so theirs is the first time a
   * split shows them, and importing dev after train must not move an article later.
   */
  publishedAt?: 'replace' | 'earliest';
  /** Also look up and return the article ids (externalId -> id, per source). */
  returnIds?: boolean;
  /** Status and import of the rows this inserts; an update leaves both alone (an editor's hide survives a re-import). */
  newArticles?: NewArticleState;
}

const changed = ['title', 'abstract', 'category', 'subcategory', 'url', 'imageUrl', 'authors', 'entities'].map(
  (c) => `"Article"."${c}" IS DISTINCT FROM excluded."${c}"`,
);

function buildUpsert(rows: ArticleRow[], earliest: boolean, insert: NewArticleState): Prisma.Sql {
  const now = new Date();
  // A literal, not a parameter: PostgreSQL types an unknown literal as the enum column, but not a text parameter.
  const status = Prisma.raw(insert.status === 'DRAFT' ? `'DRAFT'` : `'PUBLISHED'`);
  const importId = insert.importId ?? null;
  const values = rows.map(
    (r) =>
      Prisma.sql`(${createId()}, ${r.source}, ${r.externalId}, ${r.title}, ${r.abstract}, ${r.category}, ${r.subcategory}, ${r.url}, ${r.imageUrl ?? null}, ${r.authors}, ${r.entities ?? null}, ${r.publishedAt}, ${status}, ${importId}, ${now}, ${now})`,
  );
  const publishedAt = earliest
    ? `CASE WHEN "Article"."publishedAt" < excluded."publishedAt" THEN "Article"."publishedAt" ELSE excluded."publishedAt" END`
    : 'excluded."publishedAt"';
  const dateChanged = earliest
    ? `excluded."publishedAt" < "Article"."publishedAt"`
    : `"Article"."publishedAt" IS DISTINCT FROM excluded."publishedAt"`;
  // The WHERE leaves unchanged rows alone: re-importing the same file writes nothing and keeps updatedAt.
  return Prisma.sql`
    INSERT INTO "Article" ("id", "source", "externalId", "title", "abstract", "category", "subcategory", "url",
      "imageUrl", "authors", "entities", "publishedAt", "status", "importId", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("source", "externalId") DO UPDATE SET
      "title" = excluded."title", "abstract" = excluded."abstract", "category" = excluded."category",
      "subcategory" = excluded."subcategory", "url" = excluded."url", "imageUrl" = excluded."imageUrl", "authors" = excluded."authors",
      "entities" = excluded."entities",
      "publishedAt" = ${Prisma.raw(publishedAt)}, "updatedAt" = excluded."updatedAt"
    WHERE ${Prisma.raw([...changed, dateChanged].join(' OR '))}`;
}

/**
 * Upserts on (source, externalId) in one multi-row INSERT … ON CONFLICT statement (portable across SQLite and
 * PostgreSQL). Raw SQL because Prisma's per-row query building made the demo corpus import about 6x slower.
 */
export async function upsertArticles(
  tx: DbTx,
  rows: readonly ArticleRow[],
  options: UpsertArticlesOptions = {},
): Promise<Map<string, Map<string, string>>> {
  // One statement cannot touch a row twice (PostgreSQL refuses): a later duplicate wins, as row by row it would.
  const unique = new Map(rows.map((r) => [`${r.source}\0${r.externalId}`, r]));
  if (unique.size > 0) await tx.$executeRaw(buildUpsert([...unique.values()], options.publishedAt === 'earliest', options.newArticles ?? {}));
  const ids = new Map<string, Map<string, string>>();
  if (!options.returnIds) return ids;
  const bySource = new Map<string, string[]>();
  for (const r of unique.values()) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r.externalId]);
  for (const [source, externalIds] of bySource) {
    const found = await tx.article.findMany({
      where: { source, externalId: { in: externalIds } },
      select: { id: true, externalId: true },
    });
    ids.set(source, new Map(found.map((a) => [a.externalId, a.id])));
  }
  return ids;
}

export interface ArticleBatchOptions {
  file: string;
  totalBytes: number;
  batchSize: number;
  upsert: UpsertArticlesOptions;
  /** `articles` counts the rows written. */
  summary: ImportSummary;
  onProgress?: ProgressFn;
  /** With `upsert.returnIds`: the ids of each batch's rows, as `upsertArticles` returns them. */
  onStored?: (ids: Map<string, Map<string, string>>) => void;
}

/**
 * The write loop of the line-by-line importers (JSONL, MIND news): rows gathered into batches of `batchSize`, each
 * upserted in its own transaction, progress reported after each. `flush` writes what is pending (at the end, and
 * before an importer rethrows a bad line, so every line before it stays stored).
 */
export function createArticleBatches(db: Db, options: ArticleBatchOptions) {
  let pending: ArticleRow[] = [];
  let last = { line: 0, bytes: 0 };
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    const stored = await db.$transaction((tx) => upsertArticles(tx, rows, options.upsert), batchTxOptions);
    options.onStored?.(stored);
    options.summary.articles += rows.length;
    options.onProgress?.({ file: options.file, line: last.line, rows: options.summary.articles, bytes: last.bytes, totalBytes: options.totalBytes });
  };
  return {
    /** Queues `row`, read up to `at`; writes a batch when one is full. */
    async add(row: ArticleRow, at: { line: number; bytes: number }) {
      pending.push(row);
      last = at;
      if (pending.length >= options.batchSize) await flush();
    },
    flush,
  };
}
