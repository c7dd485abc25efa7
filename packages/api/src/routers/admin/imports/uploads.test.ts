import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { InProcessQueue } from '@lede/domain/jobs';
import { classifyUpload, configureUploads, MAX_UPLOAD_BYTES, runImportJob, storeUpload } from '@lede/domain/newsroom';

import { handleUploadRequest } from '../../../http';
import { adminRouter } from '../../../root';
import { createContext } from '../../../trpc';
import { staffCaller } from '../test-helpers';

const jsonl = [
  { id: 'u1', source: 'wire', title: 'Uploaded one', description: 'a', category: 'TECH', published: '2026-01-01' },
  { id: 'u2', source: 'wire', title: 'Uploaded two', description: 'b', category: 'TECH', published: '2026-01-02' },
].map((o) => JSON.stringify(o)).join('\n');

describe('classifyUpload', () => {
  it('knows JSONL, RSS, MIND zip and MIND file pairs, and refuses the rest', () => {
    expect(classifyUpload([{ name: 'a.jsonl', size: 1 }])).toBe('jsonl');
    expect(classifyUpload([{ name: 'feed.xml', size: 1 }])).toBe('feed');
    expect(classifyUpload([{ name: 'MINDsmall.zip', size: 1 }])).toBe('mind-zip');
    expect(classifyUpload([{ name: 'news.tsv', size: 1 }, { name: 'behaviors.tsv', size: 1 }])).toBe('mind');
    expect(() => classifyUpload([{ name: 'notes.docx', size: 1 }])).toThrow(/Unknown format/);
    expect(() => classifyUpload([{ name: 'a.jsonl', size: 1 }, { name: 'b.jsonl', size: 1 }])).toThrow(/Unknown format/);
    expect(() => classifyUpload([{ name: 'big.jsonl', size: MAX_UPLOAD_BYTES + 1 }])).toThrow(/limit is 50 MB/);
  });
});

describe(`admin.uploads (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  /** A browser upload from the admin's own page, as the upload route receives it. */
  async function upload(sessionToken: string, name: string, content: string, maxBytes?: number, skipInvalid = false) {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    if (skipInvalid) form.append('skipInvalid', 'on');
    const req = new Request('http://admin.test/api/uploads', { method: 'POST', body: form, headers: { origin: 'http://admin.test', host: 'admin.test' } });
    return handleUploadRequest(req, await createContext({ db: t.db, sessionToken }), maxBytes);
  }

  let root: string;
  beforeAll(async () => {
    t = await createTestDb();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-uploads-'));
  });
  afterAll(async () => {
    configureUploads({ queue: null });
    fs.rmSync(root, { recursive: true, force: true });
    await t.drop();
  });

  it('unpacks only news.tsv and behaviors.tsv from a MIND zip', async () => {
    const zip = new AdmZip();
    zip.addFile('MINDsmall_dev/news.tsv', Buffer.from('N1\tnews\tsub\tTitle\tAbstract\t\t[]\t[]\n'));
    zip.addFile('MINDsmall_dev/behaviors.tsv', Buffer.from(''));
    zip.addFile('../evil.txt', Buffer.from('x'));
    const stored = await storeUpload([{ name: 'mind.zip', bytes: zip.toBuffer() }], root);
    expect(stored.format).toBe('mind-zip');
    expect(fs.readdirSync(stored.importPath).sort()).toEqual(['behaviors.tsv', 'mind.zip', 'news.tsv']);
    expect(fs.existsSync(path.join(root, 'evil.txt'))).toBe(false);
  });

  it('stores an upload, imports it through the job queue and reports progress', async () => {
    const queue = new InProcessQueue();
    // The admin's in-process handler, pointed at this test's database.
    queue.process('import', (data, ctx) => runImportJob(t.db, data, ctx));
    configureUploads({ queue, root });
    const editor = await staffCaller(t.db, 'EDITOR');
    const { jobId, format, uploadId } = (await (await upload(editor.token, 'batch.jsonl', jsonl)).json()) as { jobId: string; format: string; uploadId: string };
    expect(format).toBe('jsonl');
    await queue.waitFor(jobId);
    const status = await editor.caller.admin.uploads.status({ jobId });
    expect(status).toMatchObject({ state: 'completed', summary: { articles: 2 }, error: null });
    expect(await t.db.article.count({ where: { title: { startsWith: 'Uploaded' } } })).toBe(2);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'upload.import' } });
    expect(audit).toMatchObject({ target: uploadId, actorId: editor.user.id });

    const pdf = await upload(editor.token, 'x.pdf', '%PDF');
    expect(pdf.status).toBe(400);
    expect(await pdf.json()).toMatchObject({ error: expect.stringMatching(/Unknown format/) as unknown });
    await expect(editor.caller.admin.uploads.status({ jobId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const bad = (await (await upload(editor.token, 'bad.jsonl', '{"id": "x"}\nnot json\n')).json()) as { jobId: string };
    await queue.waitFor(bad.jobId).catch(() => undefined);
    const failed = await editor.caller.admin.uploads.status({ jobId: bad.jobId });
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/^2 invalid items: nothing was imported/);
    expect(failed.error).toMatch(/\nbad\.jsonl:2: invalid JSON/);
  });

  // Issue 15 items 2 and 8: a failed import published its first lines, the audit log only said "upload", and
  // uploaded files stayed on disk for ever.
  it('publishes a bad file not at all, audits the outcome, skips invalid items on request, and deletes the files', async () => {
    const queue = new InProcessQueue();
    queue.process('import', (data, ctx) => runImportJob(t.db, data, ctx));
    configureUploads({ queue, root });
    const editor = await staffCaller(t.db, 'EDITOR');
    const mixed = `${jsonl.replace(/u1/, 'm1').replace(/u2/, 'm2')}\n{"id": broken\n`;
    type Started = { jobId: string; uploadId: string };

    const refused = (await (await upload(editor.token, 'mixed.jsonl', mixed)).json()) as Started;
    await queue.waitFor(refused.jobId).catch(() => undefined);
    expect(await t.db.article.count({ where: { externalId: { in: ['m1', 'm2'] } } })).toBe(0);
    expect(await t.db.auditLog.findFirst({ where: { target: refused.uploadId, action: 'upload.import.failed' } })).toMatchObject({ actorId: editor.user.id });
    expect(fs.existsSync(path.join(root, refused.uploadId))).toBe(false);

    const skipped = (await (await upload(editor.token, 'mixed.jsonl', mixed, undefined, true)).json()) as Started;
    await queue.waitFor(skipped.jobId);
    expect(await editor.caller.admin.uploads.status({ jobId: skipped.jobId })).toMatchObject({
      state: 'completed',
      summary: { articles: 2, invalid: 1, notes: [expect.stringMatching(/^skipped mixed\.jsonl:3: invalid JSON/)] },
    });
    const done = await t.db.auditLog.findFirstOrThrow({ where: { target: skipped.uploadId, action: 'upload.import.succeeded' } });
    expect(done.details).toMatchObject({ articles: 2, invalid: 1 });
    expect(fs.existsSync(path.join(root, skipped.uploadId))).toBe(false);
  });
});

describe(`the upload route (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  /** A chunked body (no Content-Length) that counts how much of it was pulled. */
  function chunkedUpload(chunks: number, chunkBytes: number) {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(chunkBytes));
      },
    });
    const req = new Request('http://admin.test/api/uploads', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'multipart/form-data; boundary=x', host: 'admin.test', origin: 'http://admin.test' },
    } as RequestInit);
    return { req, pulled: () => pulled };
  }

  it('stops reading a chunked body at the limit, before parsing it', async () => {
    const editor = await staffCaller(t.db, 'EDITOR');
    const { req, pulled } = chunkedUpload(1000, 64 * 1024);
    const res = await handleUploadRequest(req, await createContext({ db: t.db, sessionToken: editor.token }), 256 * 1024);
    expect(res.status).toBe(413);
    // 256 KB + 64 KB of form overhead = 5 chunks of 64 KB, and at most one more read ahead by the stream.
    expect(pulled()).toBeLessThan(8);
  });

  it('refuses other origins and non-editors before reading the body', async () => {
    const reader = await staffCaller(t.db, 'READER');
    const editor = await staffCaller(t.db, 'EDITOR');
    const asReader = chunkedUpload(10, 1024);
    expect((await handleUploadRequest(asReader.req, await createContext({ db: t.db, sessionToken: reader.token }))).status).toBe(403);
    expect(asReader.pulled()).toBeLessThanOrEqual(1);
    const foreign = new Request('http://admin.test/api/uploads', { method: 'POST', body: new FormData(), headers: { host: 'admin.test', origin: 'http://evil.test' } });
    expect((await handleUploadRequest(foreign, await createContext({ db: t.db, sessionToken: editor.token }))).status).toBe(403);
  });

  it('takes no file bytes over tRPC', () => {
    expect(Object.keys(adminRouter._def.procedures).filter((p) => p.startsWith('admin.uploads.'))).toEqual(['admin.uploads.status']);
  });
});
