import { bytesToVector, computeCosine } from '@lede/ranking';

import type { FeedDeps } from './list';

/**
 * Articles like this one: nearest neighbours by embedding among the candidate pool, or, when the article or the
 * pool has no vectors, the newest articles of the same category.
 */
export async function findRelatedArticles(deps: FeedDeps, articleId: string, limit: number) {
  const pool = await deps.pool.list();
  const article = deps.pool.get(articleId) ?? (await deps.db.article.findUnique({ where: { id: articleId }, select: { id: true, category: true } }));
  if (!article) return [];
  const vector = await vectorOf(deps, articleId);

  let picked: { id: string; similarity: number | null }[] = [];
  if (vector) {
    picked = pool
      .filter((a) => a.id !== articleId && a.vector)
      .map((a) => ({ id: a.id, similarity: computeCosine(vector, a.vector!) ?? 0 }))
      .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
  if (picked.length === 0) {
    const sameCategory = pool
      .filter((a) => a.id !== articleId && a.category === article.category)
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
      .slice(0, limit);
    picked = sameCategory.map((a) => ({ id: a.id, similarity: null }));
  }
  return picked.flatMap(({ id, similarity }) => {
    const a = deps.pool.get(id);
    return a ? [{ id, title: a.title, category: a.category, source: a.source, publishedAt: a.publishedAt, similarity }] : [];
  });
}

async function vectorOf(deps: FeedDeps, articleId: string): Promise<Float32Array | null> {
  const inPool = deps.pool.get(articleId)?.vector;
  if (inPool) return inPool;
  const encoderVersion = deps.encoderVersion();
  if (!encoderVersion) return null;
  const row = await deps.db.articleVector.findUnique({ where: { articleId_encoderVersion: { articleId, encoderVersion } }, select: { vector: true } });
  return row ? bytesToVector(row.vector) : null;
}
