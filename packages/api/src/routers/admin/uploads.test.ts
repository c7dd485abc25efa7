import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import AdmZip from 'adm-zip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { importPath } from '@lede/domain/ingest';
import { InProcessQueue } from '@lede/domain/jobs';
import { classifyUpload, configureUploads, MAX_UPLOAD_BYTES, storeUpload } from '@lede/domain/newsroom';

import { staffCaller } from './test-helpers';

const text = (s: string) => new TextEncoder().encode(s);
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

  it('unpacks only news.tsv and behaviors.tsv from a MIND zip', () => {
    const zip = new AdmZip();
    zip.addFile('MINDsmall_dev/news.tsv', Buffer.from('N1\tnews\tsub\tTitle\tAbstract\t\t[]\t[]\n'));
    zip.addFile('MINDsmall_dev/behaviors.tsv', Buffer.from(''));
    zip.addFile('../evil.txt', Buffer.from('x'));
    const stored = storeUpload([{ name: 'mind.zip', bytes: zip.toBuffer() }], root);
    expect(stored.format).toBe('mind-zip');
    expect(fs.readdirSync(stored.importPath).sort()).toEqual(['behaviors.tsv', 'mind.zip', 'news.tsv']);
    expect(fs.existsSync(path.join(root, 'evil.txt'))).toBe(false);
  });

  it('stores an upload, imports it through the job queue and reports progress', async () => {
    const queue = new InProcessQueue();
    // The admin's in-process handler, pointed at this test's database.
    queue.process('import', (data, ctx) => importPath(t.db, data.path, { onProgress: (p) => void ctx.progress({ file: p.file, rows: p.rows }) }));
    configureUploads({ queue, root });
    const editor = await staffCaller(t.db, 'EDITOR');
    const { jobId, format, uploadId } = await editor.caller.admin.uploads.create({ files: [{ name: 'batch.jsonl', bytes: text(jsonl) }] });
    expect(format).toBe('jsonl');
    await queue.waitFor(jobId);
    const status = await editor.caller.admin.uploads.status({ jobId });
    expect(status).toMatchObject({ state: 'completed', summary: { articles: 2 }, error: null });
    expect(await t.db.article.count({ where: { title: { startsWith: 'Uploaded' } } })).toBe(2);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'upload.import' } });
    expect(audit).toMatchObject({ target: uploadId, actorId: editor.user.id });

    await expect(editor.caller.admin.uploads.create({ files: [{ name: 'x.pdf', bytes: text('%PDF') }] })).rejects.toThrow(/Unknown format/);
    await expect(editor.caller.admin.uploads.status({ jobId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const bad = await editor.caller.admin.uploads.create({ files: [{ name: 'bad.jsonl', bytes: text('{"id": "x"}\nnot json\n') }] });
    await queue.waitFor(bad.jobId).catch(() => undefined);
    const failed = await editor.caller.admin.uploads.status({ jobId: bad.jobId });
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/^bad\.jsonl/);
  });
});
