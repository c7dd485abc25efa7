import crypto from 'node:crypto';

import { type Db } from '@lede/db';

import { AppError } from '../shared/errors';
import { logEvents } from './events';
import { parseInterests, readerChanged } from '../feed/profile/reader-profile';

/** What a list of the reader's stories shows of each. */
const storySelect = { id: true, title: true, abstract: true, category: true, source: true, imageUrl: true, publishedAt: true } as const;

async function requirePublished(db: Db, articleId: string) {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { status: true, category: true } });
  if (!article || article.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', 'No such article');
  return article;
}

/** Saves (bookmarks) a story; saving it again changes nothing. */
export async function saveArticle(db: Db, readerId: string, articleId: string) {
  await requirePublished(db, articleId);
  await db.savedArticle.upsert({ where: { userId_articleId: { userId: readerId, articleId } }, create: { userId: readerId, articleId }, update: {} });
  return { saved: true };
}

export async function unsaveArticle(db: Db, readerId: string, articleId: string) {
  await db.savedArticle.deleteMany({ where: { userId: readerId, articleId } });
  return { saved: false };
}

/** Saved stories, most recently saved first (hidden articles are left out). */
export async function listSaved(db: Db, readerId: string, page: { limit: number; offset: number }) {
  const rows = await db.savedArticle.findMany({
    where: { userId: readerId, article: { status: 'PUBLISHED' } },
    orderBy: [{ createdAt: 'desc' }, { articleId: 'asc' }],
    skip: page.offset,
    take: page.limit + 1,
    select: { createdAt: true, article: { select: storySelect } },
  });
  return { items: rows.slice(0, page.limit).map((r) => ({ ...r.article, at: r.createdAt })), more: rows.length > page.limit };
}

/** Stories the reader opened, most recent first, each once (at its latest opening). */
export async function listHistory(db: Db, readerId: string, page: { limit: number; offset: number }) {
  const groups = await db.readerEvent.groupBy({
    by: ['articleId'],
    where: { userId: readerId, type: 'CLICK', article: { status: 'PUBLISHED' } },
    _max: { createdAt: true },
    orderBy: [{ _max: { createdAt: 'desc' } }, { articleId: 'asc' }],
    skip: page.offset,
    take: page.limit + 1,
  });
  const shown = groups.slice(0, page.limit);
  const articles = new Map((await db.article.findMany({ where: { id: { in: shown.map((g) => g.articleId) } }, select: storySelect })).map((a) => [a.id, a]));
  const items = shown.flatMap((g) => {
    const article = articles.get(g.articleId);
    return article && g._max.createdAt ? [{ ...article, at: g._max.createdAt }] : [];
  });
  return { items, more: groups.length > page.limit };
}

/** Stories marked "Not interested" and not undone since (the last word wins), most recent first. */
export async function listMuted(db: Db, readerId: string) {
  const feedback = await db.readerEvent.findMany({
    where: { userId: readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { articleId: true, type: true, createdAt: true },
  });
  const muted = new Map<string, Date>();
  for (const f of feedback) {
    if (f.type === 'NOT_INTERESTED') muted.set(f.articleId, f.createdAt);
    else muted.delete(f.articleId);
  }
  const articles = await db.article.findMany({ where: { id: { in: [...muted.keys()] } }, select: storySelect });
  return articles.map((a) => ({ ...a, at: muted.get(a.id)! })).sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
}

/** Undoes a "Not interested": the story and its neighbours may come back to the feed. */
export async function unmuteArticle(db: Db, readerId: string, articleId: string) {
  const result = await logEvents(db, readerId, [{ clientEventId: `undo-${crypto.randomUUID()}`, type: 'UNDO_NOT_INTERESTED', articleId }]);
  if (result.unknownArticles) throw new AppError('NOT_FOUND', 'No such article');
  return { muted: false };
}

/** The reader's followed sections (User.interests) and hidden ones. */
export async function readSections(db: Db, readerId: string) {
  const user = await db.user.findUnique({ where: { id: readerId }, select: { interests: true, hiddenSections: true } });
  return { followed: parseInterests(user?.interests), hidden: parseInterests(user?.hiddenSections) };
}

const MAX_SECTIONS = 30;

/**
 * Follows or unfollows a section, hides or shows it again. Following a hidden section shows it again and
 * hiding a followed one unfollows it: the two lists never share a section.
 */
export async function setSection(db: Db, readerId: string, input: { section: string; follow?: boolean; hide?: boolean }) {
  const current = await readSections(db, readerId);
  let followed = current.followed;
  let hidden = current.hidden;
  const without = (list: string[]) => list.filter((s) => s !== input.section);
  if (input.follow !== undefined) {
    followed = input.follow ? [...without(followed), input.section] : without(followed);
    if (input.follow) hidden = without(hidden);
  }
  if (input.hide !== undefined) {
    hidden = input.hide ? [...without(hidden), input.section] : without(hidden);
    if (input.hide) followed = without(followed);
  }
  if (followed.length > MAX_SECTIONS || hidden.length > MAX_SECTIONS) throw new AppError('BAD_REQUEST', `At most ${MAX_SECTIONS} sections`);
  await db.user.update({ where: { id: readerId }, data: { interests: followed, hiddenSections: hidden } });
  readerChanged(readerId);
  return { followed, hidden };
}

/** What the article page shows about the reader and one story: saved? its section followed? */
export async function readArticleState(db: Db, readerId: string, articleId: string) {
  const article = await requirePublished(db, articleId);
  const [saved, sections] = await Promise.all([
    db.savedArticle.findUnique({ where: { userId_articleId: { userId: readerId, articleId } }, select: { articleId: true } }),
    readSections(db, readerId),
  ]);
  return { saved: !!saved, section: article.category, following: sections.followed.includes(article.category) };
}
