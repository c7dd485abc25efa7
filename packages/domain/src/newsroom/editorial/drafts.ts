import { type Db } from '@lede/db';

import { AppError } from '../../shared/errors';
import { auditCreate } from '../audit';
import { MAX_BULK_ARTICLES } from './bulk-editorial';
import { announceEditorialChange, bumpEditorialVersion } from './editorial-changes';

/** The selected articles (at most one page's worth, once each); an id that names no article is refused. */
async function findSelected(db: Db, articleIds: readonly string[]) {
  const ids = [...new Set(articleIds)].slice(0, MAX_BULK_ARTICLES);
  const found = await db.article.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, title: true, source: true, externalId: true, importId: true } });
  const known = new Set(found.map((a) => a.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('NOT_FOUND', `No such article: ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}`);
  return { ids, drafts: found.filter((a) => a.status === 'DRAFT') };
}

/**
 * Publishes drafts (articles imported as drafts): one `article.publish` audit row each, in one transaction with a
 * new value of the editorial change counter, then announced, so every reader process's pool takes them in as it
 * takes in an unhide (`setArticlesStatus`). Articles already published or hidden are left alone; returns the
 * ids that were published.
 */
export async function publishDrafts(db: Db, actorId: string, articleIds: readonly string[]): Promise<string[]> {
  const { ids, drafts } = await findSelected(db, articleIds);
  if (!drafts.length) return [];
  const published = drafts.map((a) => a.id);
  await db.$transaction([
    db.article.updateMany({ where: { id: { in: published }, status: 'DRAFT' }, data: { status: 'PUBLISHED' } }),
    ...drafts.map((a) => auditCreate(db, { actorId, action: 'article.publish', target: a.id, details: { field: 'status', from: 'DRAFT', to: 'PUBLISHED', ...(ids.length > 1 ? { bulk: true } : {}) } })),
    bumpEditorialVersion(db),
  ]);
  announceEditorialChange();
  return published;
}

/**
 * Deletes drafts (never served, so no reader's feed or history loses them), one `article.delete` audit row each
 * naming what was deleted. Only drafts: a published or hidden article is left alone (hide it instead). Returns
 * the ids deleted.
 */
export async function deleteDrafts(db: Db, actorId: string, articleIds: readonly string[]): Promise<string[]> {
  const { ids, drafts } = await findSelected(db, articleIds);
  if (!drafts.length) return [];
  const deleted = drafts.map((a) => a.id);
  await db.$transaction([
    db.article.deleteMany({ where: { id: { in: deleted }, status: 'DRAFT' } }),
    ...drafts.map((a) =>
      auditCreate(db, {
        actorId,
        action: 'article.delete',
        target: a.id,
        details: { title: a.title, source: a.source, externalId: a.externalId, status: 'DRAFT', importId: a.importId, ...(ids.length > 1 ? { bulk: true } : {}) },
      }),
    ),
  ]);
  return deleted;
}
