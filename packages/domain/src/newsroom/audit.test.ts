import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { describeAuditDetails, listAuditLog, recordAudit } from './audit';

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

  it('filters by actor and date, and names the target kind and the change in words', async () => {
    const other = await t.db.user.create({ data: { email: 'other@example.com', role: 'ADMIN', interests: [] } });
    await recordAudit(t.db, { actorId: other.id, action: 'article.hide', target: 'f1', details: { field: 'status', from: 'PUBLISHED', to: 'HIDDEN' } });
    await t.db.auditLog.updateMany({ where: { target: 'f1' }, data: { createdAt: new Date('2026-02-03T10:00:00Z') } });
    const byActor = await listAuditLog(t.db, { actor: 'OTHER@', page: 0, pageSize: 10 });
    expect(byActor.rows.map((r) => [r.target, r.targetKind, r.summary])).toEqual([['f1', 'article', 'status: PUBLISHED → HIDDEN']]);
    const inRange = await listAuditLog(t.db, { from: new Date('2026-02-03T00:00:00Z'), to: new Date('2026-02-03T23:59:59Z'), page: 0, pageSize: 10 });
    expect(inRange.rows.map((r) => r.target)).toEqual(['f1']);
    expect((await listAuditLog(t.db, { to: new Date('2026-02-02T00:00:00Z'), page: 0, pageSize: 10 })).total).toBe(0);
    expect(describeAuditDetails({ jobId: 'j1', files: ['a.jsonl'] })).toBe('jobId: j1, files: ["a.jsonl"]');
  });
});
