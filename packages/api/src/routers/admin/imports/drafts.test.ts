import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { CandidatePool } from '@lede/domain/feed';
import { InProcessQueue } from '@lede/domain/jobs';
import { configureUploads, runImportJob } from '@lede/domain/newsroom';

import { handleUploadRequest } from '../../../http';
import { createContext } from '../../../trpc';
import { callerFor, newReaderId } from '../../../testing/fixtures';
import { staffCaller } from '../test-helpers';

const recent = new Date(Date.now() - 3_600_000).toISOString();
const jsonl = [
  { id: 'd1', source: 'wire', title: 'Drafted story one', description: 'Embargoed.', category: 'TECH', published: recent },
  { id: 'd2', source: 'wire', title: 'Drafted story two', description: 'Embargoed.', category: 'TECH', published: recent },
].map((o) => JSON.stringify(o)).join('\n');

describe(`import as drafts, publish, import history (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let root: string;
  const queue = new InProcessQueue();

  async function upload(sessionToken: string, name: string, content: string, asDrafts: boolean) {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    if (asDrafts) form.append('asDrafts', 'on');
    const req = new Request('http://admin.test/api/uploads', { method: 'POST', body: form, headers: { origin: 'http://admin.test', host: 'admin.test' } });
    const res = await handleUploadRequest(req, await createContext({ db: t.db, sessionToken }));
    const started = (await res.json()) as { jobId: string; uploadId: string };
    await queue.waitFor(started.jobId).catch(() => undefined);
    return started;
  }

  beforeAll(async () => {
    t = await createTestDb();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-drafts-'));
    queue.process('import', (data, ctx) => runImportJob(t.db, data, ctx));
    configureUploads({ queue, root });
  });
  afterAll(async () => {
    configureUploads({ queue: null });
    fs.rmSync(root, { recursive: true, force: true });
    await t.drop();
  });

  it('keeps drafts from readers until an editor publishes them, and lists the import with its counts', async () => {
    const editor = await staffCaller(t.db, 'EDITOR');
    const { uploadId } = await upload(editor.token, 'embargo.jsonl', jsonl, true);

    const history = await editor.caller.admin.imports.list({});
    expect(history.rows[0]).toMatchObject({
      id: uploadId, origin: 'upload', fileName: 'embargo.jsonl', format: 'jsonl', asDrafts: true, status: 'SUCCEEDED',
      articles: 2, invalid: 0, created: 2, drafts: 2, actor: editor.user.email, error: null,
    });
    const drafts = await editor.caller.admin.articles.list({ status: 'DRAFT', importId: uploadId });
    expect(drafts.rows.map((r) => r.title).sort()).toEqual(['Drafted story one', 'Drafted story two']);
    expect(drafts.rows.every((r) => r.status === 'DRAFT' && r.importId === uploadId)).toBe(true);
    const [one, two] = drafts.rows.map((r) => r.id);

    // Not served: not in the candidate pool, not found by search, the article page is NOT_FOUND.
    const reader = await callerFor(t.db, { readerId: newReaderId() });
    const pool = new CandidatePool(t.db, { days: 30, size: 100, refreshMs: 0, encoderVersion: () => null });
    await pool.list();
    expect(pool.get(one!)).toBeUndefined();
    expect((await reader.search.query({ q: 'Drafted story' })).hits).toEqual([]);
    await expect(reader.articles.get({ id: one! })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await editor.caller.admin.articles.publish({ ids: [one!] })).toEqual({ published: [one] });
    await pool.refresh();
    expect(pool.get(one!)).toBeDefined();
    expect(await reader.articles.get({ id: one! })).toMatchObject({ title: expect.stringMatching(/^Drafted story/) as unknown });
    expect((await reader.search.query({ q: 'Drafted story' })).hits.map((h) => h.id)).toEqual([one]);

    expect(await editor.caller.admin.articles.deleteDrafts({ ids: [two!] })).toEqual({ deleted: [two] });
    expect(await editor.caller.admin.imports.list({})).toMatchObject({ rows: [{ id: uploadId, created: 1, drafts: 0 }] });
    const audit = await editor.caller.admin.audit.list({ action: 'article.' });
    expect(audit.rows.map((r) => [r.action, r.target, r.actor])).toEqual(
      expect.arrayContaining([['article.publish', one, editor.user.email], ['article.delete', two, editor.user.email]]),
    );
    expect(await t.db.auditLog.findFirstOrThrow({ where: { action: 'upload.import', target: uploadId } })).toMatchObject({ details: { asDrafts: true } });
  });

  it('refuses an unknown id, a hide or unhide of a draft, and readers', async () => {
    const editor = await staffCaller(t.db, 'EDITOR');
    const { uploadId } = await upload(editor.token, 'more.jsonl', jsonl.replace(/"d1"/, '"d3"').replace(/"d2"/, '"d4"'), true);
    const [draft] = (await editor.caller.admin.articles.list({ importId: uploadId })).rows;
    await expect(editor.caller.admin.articles.publish({ ids: [draft!.id, 'missing-id'] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such article: missing-id' });
    await expect(editor.caller.admin.articles.update({ id: draft!.id, status: 'PUBLISHED' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await editor.caller.admin.articles.bulkStatus({ ids: [draft!.id], status: 'PUBLISHED' })).toEqual({ changed: [] });

    const reader = await staffCaller(t.db, 'READER');
    await expect(reader.caller.admin.articles.publish({ ids: [draft!.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reader.caller.admin.articles.deleteDrafts({ ids: [draft!.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reader.caller.admin.imports.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.db.article.findUniqueOrThrow({ where: { id: draft!.id } })).status).toBe('DRAFT');
  });

  it('lists a failed upload with its error as file:line, and a published import as published', async () => {
    const editor = await staffCaller(t.db, 'EDITOR');
    const bad = await upload(editor.token, 'broken.jsonl', '{"id": "x"}\nnot json\n', false);
    const good = await upload(editor.token, 'live.jsonl', jsonl.replace(/"d1"/, '"l1"').replace(/"d2"/, '"l2"'), false);
    const { rows } = await editor.caller.admin.imports.list({ pageSize: 2 });
    expect(rows.map((r) => r.id)).toEqual([good.uploadId, bad.uploadId]);
    expect(rows[0]).toMatchObject({ status: 'SUCCEEDED', asDrafts: false, created: 2, drafts: 0 });
    expect(rows[1]).toMatchObject({ status: 'FAILED', fileName: 'broken.jsonl', articles: 0 });
    expect(rows[1]!.error).toMatch(/\nbroken\.jsonl:2: invalid JSON/);
  });
});
