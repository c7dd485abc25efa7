import { type Db } from '@lede/db';

import { AppError } from '../shared/errors';
import type { CandidatePool } from './pool/candidate-pool';

/** Titles of `ids`: from `known` (the reader's profile) or the pool, and only the rest from the database. */
export async function readArticleTitles(db: Db, pool: CandidatePool, ids: string[], known: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const t = known.get(id) ?? pool.get(id)?.title;
    if (t) titles.set(id, t);
    else missing.push(id);
  }
  if (missing.length) {
    const rows = await db.article.findMany({ where: { id: { in: missing } }, select: { id: true, title: true } });
    for (const r of rows) titles.set(r.id, r.title);
  }
  return titles;
}

/** Categories present in the candidate pool, most common first: the feed's tabs. */
export async function countPoolCategories(pool: CandidatePool): Promise<{ name: string; count: number }[]> {
  const counts = await pool.categoryCounts();
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** A published article for the reader's article page; a hidden, draft or unknown one is NOT_FOUND. */
export async function getPublishedArticle(db: Db, id: string) {
  const article = await db.article.findUnique({ where: { id } });
  if (!article || article.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', 'No such article');
  return article;
}

/** An article the newsroom hid (its category, for feed.why's "removed" answer); null when it is not hidden. */
export function findHiddenArticle(db: Db, id: string): Promise<{ category: string } | null> {
  return db.article.findFirst({ where: { id, status: 'HIDDEN' }, select: { category: true } });
}
