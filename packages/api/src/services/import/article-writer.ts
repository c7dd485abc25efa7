import { type DbTx } from './types';

export interface ArticleRow {
  source: string;
  externalId: string;
  title: string;
  abstract: string;
  category: string;
  subcategory: string | null;
  url: string | null;
  authors: string | null;
  publishedAt: Date;
}

export interface UpsertArticlesOptions {
  /**
   * `earliest` keeps a stored date when it is earlier: MIND news carry no date, so theirs is the first time a
   * split shows them, and importing dev after train must not move an article later.
   */
  publishedAt?: 'replace' | 'earliest';
}

const compared = ['title', 'abstract', 'category', 'subcategory', 'url', 'authors'] as const;

/**
 * Upserts on (source, externalId): one lookup and one multi-row insert per source, and an update only for rows
 * whose content changed, so re-importing an unchanged file is mostly reads. Returns externalId -> article id,
 * per source.
 */
export async function upsertArticles(
  tx: DbTx,
  rows: readonly ArticleRow[],
  options: UpsertArticlesOptions = {},
): Promise<Map<string, Map<string, string>>> {
  const bySource = new Map<string, Map<string, ArticleRow>>();
  for (const row of rows) {
    const group = bySource.get(row.source) ?? new Map<string, ArticleRow>();
    group.set(row.externalId, row); // a later duplicate in the same batch wins, as it would row by row
    bySource.set(row.source, group);
  }
  const ids = new Map<string, Map<string, string>>();
  for (const [source, group] of bySource) {
    ids.set(source, await upsertSourceArticles(tx, source, group, options));
  }
  return ids;
}

async function upsertSourceArticles(
  tx: DbTx,
  source: string,
  group: Map<string, ArticleRow>,
  options: UpsertArticlesOptions,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const existing = await tx.article.findMany({
    where: { source, externalId: { in: [...group.keys()] } },
    select: {
      id: true,
      externalId: true,
      publishedAt: true,
      title: true,
      abstract: true,
      category: true,
      subcategory: true,
      url: true,
      authors: true,
    },
  });
  for (const old of existing) {
    const row = group.get(old.externalId);
    if (!row) continue;
    ids.set(old.externalId, old.id);
    group.delete(old.externalId);
    const publishedAt =
      options.publishedAt === 'earliest' && old.publishedAt < row.publishedAt ? old.publishedAt : row.publishedAt;
    const same =
      compared.every((k) => old[k] === row[k]) && old.publishedAt.getTime() === publishedAt.getTime();
    if (!same) {
      const { source: _s, externalId: _e, ...data } = row;
      await tx.article.update({ where: { id: old.id }, data: { ...data, publishedAt } });
    }
  }
  if (group.size > 0) {
    const created = await tx.article.createManyAndReturn({
      data: [...group.values()],
      select: { id: true, externalId: true },
    });
    for (const row of created) ids.set(row.externalId, row.id);
  }
  return ids;
}
