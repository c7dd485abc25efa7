import { type Db } from '@lede/db';

import { auditCreate } from '../audit';
import { announceEditorialChange, bumpEditorialVersion } from './editorial-changes';

/** The most articles one bulk action changes: one page of the articles list at its largest. */
export const MAX_BULK_ARTICLES = 200;

/**
 * Hides or unhides several articles at once, with one audit row per article that changed (those already in the
 * wanted state and drafts are skipped), in one transaction with a new value of the editorial change counter, then announced
 * on the change bus, as a single change is (`updateArticleEditorial`). Returns the ids that changed.
 */
export async function setArticlesStatus(db: Db, actorId: string, articleIds: readonly string[], status: 'PUBLISHED' | 'HIDDEN'): Promise<string[]> {
  const ids = [...new Set(articleIds)].slice(0, MAX_BULK_ARTICLES);
  // Drafts are left alone: unhiding must not publish them unaudited (publishDrafts does that).
  const toChange = await db.article.findMany({ where: { id: { in: ids }, status: { notIn: [status, 'DRAFT'] } }, select: { id: true, status: true } });
  if (!toChange.length) return [];
  const changed = toChange.map((a) => a.id);
  const action = status === 'HIDDEN' ? 'article.hide' : 'article.unhide';
  await db.$transaction([
    db.article.updateMany({ where: { id: { in: changed } }, data: { status } }),
    ...toChange.map((a) => auditCreate(db, { actorId, action, target: a.id, details: { field: 'status', from: a.status, to: status, bulk: true } })),
    bumpEditorialVersion(db),
  ]);
  announceEditorialChange();
  return changed;
}
