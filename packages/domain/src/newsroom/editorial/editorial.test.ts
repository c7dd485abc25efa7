import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { seedArticles } from '../../testing/fixtures';
import { setArticlesStatus } from './bulk-editorial';
import { updateArticleEditorial } from './editorial';

describe(`updateArticleEditorial (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('audits each changed field with before and after, bumps updatedAt, and skips unchanged fields', async () => {
    const [a] = await seedArticles(t.db, 1);
    const editor = await t.db.user.create({ data: { email: 'e@example.com', role: 'EDITOR', interests: [] } });
    const until = new Date(Date.now() + 86_400_000);
    const res = await updateArticleEditorial(t.db, editor.id, a!.id, { pinnedUntil: until, boost: 1, category: a!.category.toLowerCase() });
    // boost was already 1 and the category is upper-cased back to what it was: only the pin changed.
    expect(res.changed).toEqual(['pinnedUntil']);
    const after = await t.db.article.findUniqueOrThrow({ where: { id: a!.id } });
    expect(after.pinnedUntil?.getTime()).toBe(until.getTime());
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(a!.updatedAt.getTime());
    const rows = await t.db.auditLog.findMany({ where: { target: a!.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'article.pin', actorId: editor.id, details: { field: 'pinnedUntil', from: null, to: until.toISOString() } });

    await updateArticleEditorial(t.db, editor.id, a!.id, { pinnedUntil: null });
    expect((await t.db.auditLog.findFirstOrThrow({ where: { target: a!.id, action: 'article.unpin' } })).details).toMatchObject({ to: null });
  });

  it('refuses boosts out of range and empty categories', async () => {
    const [a] = await seedArticles(t.db, 1, { source: 'other' });
    await expect(updateArticleEditorial(t.db, 'x', a!.id, { boost: 9 })).rejects.toThrow(/between 0 and 5/);
    await expect(updateArticleEditorial(t.db, 'x', a!.id, { category: '  ' })).rejects.toThrow(/cannot be empty/);
  });

  it('re-categorises only into a section that exists, so a typo creates none', async () => {
    const [a, b] = await seedArticles(t.db, 2, { source: 'sections' });
    const editor = await t.db.user.create({ data: { email: 'sections@example.com', role: 'EDITOR', interests: [] } });
    await expect(updateArticleEditorial(t.db, editor.id, a!.id, { category: 'POLITCS' })).rejects.toThrow(/Unknown section POLITCS/);
    expect(await updateArticleEditorial(t.db, editor.id, a!.id, { category: b!.category.toLowerCase() })).toEqual({ changed: ['category'] });
  });

  it('hides and unhides several articles, auditing only the ones that changed', async () => {
    const [a, b, c] = await seedArticles(t.db, 3, { source: 'bulk' });
    const editor = await t.db.user.create({ data: { email: 'bulk@example.com', role: 'EDITOR', interests: [] } });
    await t.db.article.update({ where: { id: c!.id }, data: { status: 'HIDDEN' } });
    expect((await setArticlesStatus(t.db, editor.id, [a!.id, b!.id, c!.id, a!.id], 'HIDDEN')).sort()).toEqual([a!.id, b!.id].sort());
    expect(await t.db.article.count({ where: { source: 'bulk', status: 'HIDDEN' } })).toBe(3);
    expect(await t.db.auditLog.count({ where: { actorId: editor.id, action: 'article.hide' } })).toBe(2);
    expect(await setArticlesStatus(t.db, editor.id, [a!.id], 'PUBLISHED')).toEqual([a!.id]);
    expect(await t.db.auditLog.count({ where: { actorId: editor.id, action: 'article.unhide' } })).toBe(1);
  });
});
