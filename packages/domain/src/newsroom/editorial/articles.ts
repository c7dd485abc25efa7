import { type Db } from '@lede/db';
import { bytesToVector, computeCosine } from '@lede/ranking';

import { AppError } from '../../shared/errors';

/** Neighbours are searched among this many most recent articles with a vector (the feed's pool size). */
const NEIGHBOUR_SCAN = 3000;

/** One article with its editorial state and its click-through over all time. */
export async function getArticleDetail(db: Db, articleId: string) {
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true, title: true, abstract: true, category: true, subcategory: true, source: true, url: true,
      publishedAt: true, status: true, pinnedUntil: true, boost: true, updatedAt: true, importId: true,
    },
  });
  if (!article) throw new AppError('NOT_FOUND', 'No such article');
  const [impressions, clicked] = await Promise.all([
    db.impression.count({ where: { articleId } }),
    db.readerEvent.findMany({ where: { articleId, type: 'CLICK', requestId: { not: null } }, distinct: ['requestId'], select: { requestId: true } }),
  ]);
  // A click counts when it answers an impression, once per impression (the daily metrics' definition).
  const answered = clicked.length
    ? await db.impression.count({ where: { articleId, requestId: { in: clicked.map((c) => c.requestId!) } } })
    : 0;
  return { ...article, impressions, clicks: answered, ctr: impressions ? answered / impressions : 0 };
}

/**
 * The articles whose stored vectors (of `encoderVersion`) are closest to this one's by cosine, among the most
 * recent `NEIGHBOUR_SCAN` embedded articles. Empty when the article has no vector of that version.
 */
export async function findNearestArticles(db: Db, articleId: string, encoderVersion: string | null, limit = 10) {
  if (!encoderVersion) return [];
  const own = await db.articleVector.findUnique({ where: { articleId_encoderVersion: { articleId, encoderVersion } }, select: { vector: true } });
  if (!own) return [];
  const target = bytesToVector(own.vector);
  const rows = await db.articleVector.findMany({
    where: { encoderVersion, articleId: { not: articleId }, article: { status: 'PUBLISHED' } },
    orderBy: { article: { publishedAt: 'desc' } },
    take: NEIGHBOUR_SCAN,
    select: { articleId: true, vector: true, article: { select: { title: true, category: true } } },
  });
  return rows
    .flatMap((r) => {
      const similarity = computeCosine(target, bytesToVector(r.vector));
      return similarity === null ? [] : [{ articleId: r.articleId, title: r.article.title, category: r.article.category, similarity }];
    })
    .sort((a, b) => b.similarity - a.similarity || a.articleId.localeCompare(b.articleId))
    .slice(0, limit);
}

/** Distinct categories with their article counts, for filters and the category editor. */
export async function listCategories(db: Db) {
  const rows = await db.article.groupBy({ by: ['category'], _count: { _all: true }, orderBy: { category: 'asc' } });
  return rows.map((r) => ({ category: r.category, articles: r._count._all }));
}

export interface ArticleListQuery {
  query?: string;
  category?: string;
  status?: 'PUBLISHED' | 'HIDDEN' | 'DRAFT';
  /** Only articles pinned now. */
  pinned?: boolean;
  /** Only the articles this import created. */
  importId?: string;
  page: number;
  pageSize: number;
}

/** The newsroom's article table: newest first, filtered, one page and the total. */
export async function listArticles(db: Db, input: ArticleListQuery) {
  const where = {
    ...(input.query ? { title: { contains: input.query } } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.pinned === true ? { pinnedUntil: { gt: new Date() } } : {}),
    ...(input.importId ? { importId: input.importId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.article.count({ where }),
    db.article.findMany({
      where,
      orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
      skip: input.page * input.pageSize,
      take: input.pageSize,
      select: { id: true, title: true, category: true, source: true, publishedAt: true, status: true, pinnedUntil: true, boost: true, importId: true },
    }),
  ]);
  return { total, rows };
}
