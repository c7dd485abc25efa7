import { type Db, Prisma } from '@lede/db';
import { computeCosine } from '@lede/ranking';

import { getEncoder } from '../encoders/embed-articles';
import type { FeedDeps } from './list';
import { readServingEncoder } from '../encoders/serving';

/** Embeds a query in the space of `encoderVersion`'s vectors; null when that encoder cannot run here. */
export type QueryEncoder = (query: string, encoderVersion: string) => Promise<Float32Array | null>;

/** The serving encoder (the one the articles were embedded with), when it is the version the pool holds. */
export function createServingQueryEncoder(db: Db): QueryEncoder {
  return async (query, encoderVersion) => {
    const serving = await readServingEncoder(db);
    if (serving?.config.encoderVersion !== encoderVersion) return null;
    const [vector] = await (await getEncoder(serving.config)).encode([query]);
    return vector ?? null;
  };
}

/**
 * Semantic-only hits need at least this cosine. Measured with lede-news-bert (stage 4) against the 13,445 demo
 * articles: nonsense queries ("zzqxjvwk", "asdf qwer", "lorem ipsum dolor", "12345 67890") top out at 0.32–0.42;
 * topical ones ("flight attendant", "mental health", "nba finals", "climate change") have 38–185 stories above it
 * (`node models/recipes/distill/search-threshold.mjs`).
 */
const MIN_SIMILARITY = 0.45;
/** Above any cosine: a story that contains the words comes before one that is only about the same thing. */
const KEYWORD_BONUS = 1;

export interface SearchHit {
  id: string;
  title: string;
  abstract: string;
  category: string;
  source: string;
  publishedAt: Date;
  similarity: number | null;
  titleHighlights: [number, number][];
  abstractHighlights: [number, number][];
}

/**
 * Semantic search over the candidate pool (the query embedded by the same encoder as the articles, cosine
 * against their vectors) merged with a keyword search over all published articles (every term in the title
 * or abstract, case-insensitive). Without an encoder, or before articles have vectors, keyword only.
 */
export async function searchArticles(deps: FeedDeps, input: { q: string; limit: number }, encodeQuery: QueryEncoder = createServingQueryEncoder(deps.db)) {
  const q = input.q.trim();
  const terms = searchTerms(q);
  const pool = await deps.pool.list();
  const encoderVersion = deps.encoderVersion();
  const queryVector = encoderVersion && pool.some((a) => a.vector) ? await tryEncode(deps, encodeQuery, q, encoderVersion) : null;

  const scored = new Map<string, { score: number; similarity: number | null }>();
  if (queryVector) {
    for (const a of pool) {
      const similarity = a.vector ? computeCosine(queryVector, a.vector) : null;
      if (similarity !== null && similarity >= MIN_SIMILARITY) scored.set(a.id, { score: similarity, similarity });
    }
  }
  const keywordIds = terms.length ? await findByKeywords(deps, terms, input.limit * 2) : [];
  keywordIds.forEach((id, rank) => {
    const prev = scored.get(id);
    // Keyword hits rank above semantic-only neighbours; among themselves by similarity, then recency.
    scored.set(id, { score: (prev?.score ?? 0) + KEYWORD_BONUS + 1 / (rank + 2), similarity: prev?.similarity ?? null });
  });

  const top = [...scored].sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0])).slice(0, input.limit);
  const articles = await deps.db.article.findMany({
    where: { id: { in: top.map(([id]) => id) }, status: 'PUBLISHED' },
    select: { id: true, title: true, abstract: true, category: true, source: true, publishedAt: true },
  });
  const byId = new Map(articles.map((a) => [a.id, a]));
  const hits: SearchHit[] = [];
  for (const [id, s] of top) {
    const a = byId.get(id);
    if (!a) continue;
    hits.push({ ...a, similarity: s.similarity, titleHighlights: findHighlights(a.title, terms), abstractHighlights: findHighlights(a.abstract, terms) });
  }
  return { mode: queryVector ? ('semantic' as const) : ('keyword' as const), hits };
}

/** A search never fails on the encoder: it logs and answers from keywords. */
async function tryEncode(deps: FeedDeps, encodeQuery: QueryEncoder, q: string, encoderVersion: string) {
  try {
    return await encodeQuery(q, encoderVersion);
  } catch (err) {
    deps.log.error('query encoding failed; keyword search only', { encoderVersion, err });
    return null;
  }
}

export function searchTerms(q: string): string[] {
  const words = q.toLowerCase().split(/\s+/).filter((w) => w.length >= 2);
  return [...new Set(words)].slice(0, 8);
}

/**
 * Published articles whose title or abstract contains every term, newest first. LOWER(…) LIKE is
 * case-insensitive on SQLite and PostgreSQL alike (Prisma's `mode: 'insensitive'` exists on PostgreSQL only).
 */
async function findByKeywords(deps: FeedDeps, terms: string[], limit: number): Promise<string[]> {
  const conditions = terms.map((term) => {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return Prisma.sql`(LOWER("title") LIKE ${pattern} ESCAPE '\\' OR LOWER("abstract") LIKE ${pattern} ESCAPE '\\')`;
  });
  const rows = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Article"
    WHERE "status" = 'PUBLISHED' AND ${Prisma.join(conditions, ' AND ')}
    ORDER BY "publishedAt" DESC
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Character ranges of `text` where a term occurs (case-insensitive), sorted and merged: what the UI marks. */
export function findHighlights(text: string, terms: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of terms) {
    for (let i = lower.indexOf(term); i !== -1; i = lower.indexOf(term, i + term.length)) ranges.push([i, i + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
