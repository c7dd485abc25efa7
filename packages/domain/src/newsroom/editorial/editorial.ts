import { type Db } from '@lede/db';

import { AppError } from '../../shared/errors';
import { auditCreate } from '../audit';
import { announceEditorialChange, bumpEditorialVersion } from './editorial-changes';

export interface EditorialPatch {
  status?: 'PUBLISHED' | 'HIDDEN';
  /** A time in the future pins; null unpins. */
  pinnedUntil?: Date | null;
  /** Multiplies the ranking score; 1 is neutral. */
  boost?: number;
  category?: string;
}

const MIN_BOOST = 0;
const MAX_BOOST = 5;

function actionFor(field: keyof EditorialPatch, patch: EditorialPatch): string {
  if (field === 'status') return patch.status === 'HIDDEN' ? 'article.hide' : 'article.unhide';
  if (field === 'pinnedUntil') return patch.pinnedUntil ? 'article.pin' : 'article.unpin';
  if (field === 'boost') return 'article.boost';
  return 'article.recategorize';
}

/**
 * Applies an editor's change to one article and records one audit row per changed field, in one transaction
 * with a new value of the editorial change counter, then announced on the change bus. Every API process's
 * candidate pool hears the announcement at once (through Redis) or sees the counter move at its next poll
 * (within a second without Redis) and re-reads the changed articles (Prisma bumps `updatedAt`, which
 * the pool syncs on), so a hidden story leaves every reader's feed within seconds.
 */
export async function updateArticleEditorial(db: Db, actorId: string, articleId: string, patch: EditorialPatch, now = new Date()) {
  const before = await db.article.findUnique({ where: { id: articleId }, select: { status: true, pinnedUntil: true, boost: true, category: true } });
  if (!before) throw new AppError('NOT_FOUND', 'No such article');
  // A draft was never published: it is published (audited as such) or deleted, not hidden or unhidden.
  if (patch.status !== undefined && before.status === 'DRAFT') throw new AppError('BAD_REQUEST', 'This article is a draft: publish it or delete it');
  if (patch.pinnedUntil && patch.pinnedUntil <= now) throw new AppError('BAD_REQUEST', 'Pin until a time in the future');
  if (patch.boost !== undefined && !(patch.boost >= MIN_BOOST && patch.boost <= MAX_BOOST)) {
    throw new AppError('BAD_REQUEST', `Boost must be between ${MIN_BOOST} and ${MAX_BOOST}`);
  }
  const category = patch.category?.trim().toUpperCase();
  if (patch.category !== undefined && !category) throw new AppError('BAD_REQUEST', 'Category cannot be empty');
  // A typo must not create a section: only sections that already hold articles can be chosen.
  if (category && category !== before.category && !(await db.article.findFirst({ where: { category }, select: { id: true } }))) {
    throw new AppError('BAD_REQUEST', `Unknown section ${category}: choose one of the existing sections`);
  }
  const next = { ...patch, ...(category ? { category } : {}) };

  const changed = (Object.keys(next) as (keyof EditorialPatch)[]).filter((k) => {
    const a = before[k];
    const b = next[k];
    return a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() !== (b as Date | null | undefined)?.getTime() : a !== b;
  });
  if (!changed.length) return { changed: [] as string[] };
  const data = Object.fromEntries(changed.map((k) => [k, next[k]]));
  await db.$transaction([
    db.article.update({ where: { id: articleId }, data }),
    ...changed.map((k) => auditCreate(db, { actorId, action: actionFor(k, next), target: articleId, details: { field: k, from: jsonValue(before[k]), to: jsonValue(next[k]) } })),
    bumpEditorialVersion(db),
  ]);
  announceEditorialChange();
  return { changed: changed as string[] };
}

function jsonValue(v: unknown): string | number | null {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' || typeof v === 'number') return v;
  return null;
}
