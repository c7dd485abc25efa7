import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { CandidatePool, getPublishedArticle } from '../../feed';
import { seedArticles } from '../../testing/fixtures';
import { setArticlesStatus } from './bulk-editorial';
import { deleteDrafts, publishDrafts } from './drafts';
import { updateArticleEditorial } from './editorial';

describe(`drafts (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let editorId: string;
  beforeAll(async () => {
    t = await createTestDb();
    editorId = (await t.db.user.create({ data: { email: 'drafts@example.com', role: 'EDITOR', interests: [] } })).id;
  });
  afterAll(() => t.drop());

  async function seedDrafts(source: string, n: number) {
    const rows = await seedArticles(t.db, n, { source });
    await t.db.article.updateMany({ where: { source }, data: { status: 'DRAFT' } });
    return rows.map((r) => r.id);
  }

  it('keeps drafts from readers until published, then the pool takes them in; each publish is audited', async () => {
    const [a, b] = await seedDrafts('pub', 2);
    const pool = new CandidatePool(t.db, { days: 30, size: 100, refreshMs: 0, encoderVersion: () => null });
    await pool.list();
    expect(pool.get(a!)).toBeUndefined();
    await expect(getPublishedArticle(t.db, a!)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect((await publishDrafts(t.db, editorId, [a!, b!, a!])).sort()).toEqual([a!, b!].sort());
    await pool.refresh();
    expect(pool.get(a!)).toBeDefined();
    expect(await getPublishedArticle(t.db, a!)).toMatchObject({ id: a, status: 'PUBLISHED' });
    const audit = await t.db.auditLog.findMany({ where: { action: 'article.publish', target: { in: [a!, b!] } } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorId: editorId, details: { field: 'status', from: 'DRAFT', to: 'PUBLISHED', bulk: true } });

    // Publishing again changes nothing and records nothing.
    expect(await publishDrafts(t.db, editorId, [a!])).toEqual([]);
    expect(await t.db.auditLog.count({ where: { action: 'article.publish' } })).toBe(2);
  });

  it('refuses an unknown id, naming it, and changes nothing', async () => {
    const [a] = await seedDrafts('unknown', 1);
    await expect(publishDrafts(t.db, editorId, [a!, 'no-such-article'])).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such article: no-such-article' });
    await expect(deleteDrafts(t.db, editorId, ['no-such-article'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.db.article.findUniqueOrThrow({ where: { id: a! } })).toMatchObject({ status: 'DRAFT' });
  });

  it('deletes drafts only, auditing what was deleted', async () => {
    const [draft] = await seedDrafts('del', 1);
    const [published] = await seedArticles(t.db, 1, { source: 'del-published' });
    expect(await deleteDrafts(t.db, editorId, [draft!, published!.id])).toEqual([draft]);
    expect(await t.db.article.findUnique({ where: { id: draft! } })).toBeNull();
    expect(await t.db.article.findUnique({ where: { id: published!.id } })).not.toBeNull();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'article.delete', target: draft! } });
    expect(audit).toMatchObject({ actorId: editorId, details: { title: 'Article 0 about politics', source: 'del', status: 'DRAFT', bulk: true } });
  });

  it('does not let hide or unhide publish a draft unaudited', async () => {
    const [a] = await seedDrafts('hide', 1);
    await expect(updateArticleEditorial(t.db, editorId, a!, { status: 'PUBLISHED' })).rejects.toThrow(/draft: publish it or delete it/);
    expect(await setArticlesStatus(t.db, editorId, [a!], 'PUBLISHED')).toEqual([]);
    expect(await setArticlesStatus(t.db, editorId, [a!], 'HIDDEN')).toEqual([]);
    expect(await t.db.article.findUniqueOrThrow({ where: { id: a! } })).toMatchObject({ status: 'DRAFT' });
    // Other editorial changes are fine on a draft: it is prepared before it goes out.
    expect(await updateArticleEditorial(t.db, editorId, a!, { boost: 2 })).toEqual({ changed: ['boost'] });
  });
});
