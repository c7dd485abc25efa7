import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { listAuditLog, recordAudit } from './audit';

describe(`audit log (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('lists newest first, by area prefix, with the actor’s email, and pages', async () => {
    const editor = await t.db.user.create({ data: { email: 'ed@example.com', role: 'EDITOR', interests: [] } });
    const base = Date.now();
    for (let i = 0; i < 5; i++) {
      await recordAudit(t.db, { actorId: editor.id, action: i % 2 ? 'model.promote' : 'article.hide', target: `t${i}`, details: { i } });
      await t.db.auditLog.updateMany({ where: { target: `t${i}` }, data: { createdAt: new Date(base + i * 1000) } });
    }
    await recordAudit(t.db, { actorId: null, action: 'upload.import', target: 'u' });
    await t.db.auditLog.updateMany({ where: { target: 'u' }, data: { createdAt: new Date(base + 10_000) } });

    const all = await listAuditLog(t.db, { page: 0, pageSize: 10 });
    expect(all.total).toBe(6);
    expect(all.rows.map((r) => r.target)).toEqual(['u', 't4', 't3', 't2', 't1', 't0']);
    expect(all.rows[0]).toMatchObject({ actor: null, details: '{}' });
    expect(all.rows[1]).toMatchObject({ actor: 'ed@example.com', action: 'article.hide', details: '{"i":4}' });

    const articles = await listAuditLog(t.db, { action: 'article.', page: 1, pageSize: 2 });
    expect(articles.total).toBe(3);
    expect(articles.rows.map((r) => r.target)).toEqual(['t0']);
  });
});
