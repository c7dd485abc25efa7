import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';

import { InProcessQueue } from '../../jobs';
import { AppError } from '../../shared/errors';
import { readImportJob, storeUpload } from './uploads';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-upload-svc-'));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('storeUpload', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps a single file as the import path and a MIND pair as a folder, with safe names', async () => {
    const one = await storeUpload([{ name: '../../Wire Feed.XML', bytes: bytes('<rss/>') }], root);
    expect(one.format).toBe('feed');
    expect(path.dirname(one.importPath)).toBe(path.join(root, one.uploadId));
    expect(path.basename(one.importPath)).toBe('wire_feed.xml');

    const pair = await storeUpload([{ name: 'news.tsv', bytes: bytes('') }, { name: 'behaviors.tsv', bytes: bytes('') }], root);
    expect(pair).toMatchObject({ format: 'mind', importPath: path.join(root, pair.uploadId) });
    expect(fs.readdirSync(pair.importPath).sort()).toEqual(['behaviors.tsv', 'news.tsv']);
  });

  it('leaves nothing behind when a zip cannot be read', async () => {
    const before = fs.readdirSync(root).length;
    await expect(storeUpload([{ name: 'broken.zip', bytes: bytes('not a zip') }], root)).rejects.toThrow(/cannot be read/);
    expect(fs.readdirSync(root)).toHaveLength(before);
  });

  // Found by `npm run bench -- fuzz`: a zip whose end record is intact but whose central directory is not
  // failed in getEntries(), outside the try, and the upload route answered 500.
  it('refuses a zip with a corrupt central directory as unreadable (a 400, not a 500)', async () => {
    const zip = new AdmZip();
    zip.addFile('news.tsv', Buffer.from('N1\tnews\tx\tTitle\t\t\t[]\t[]\n'));
    const packed = zip.toBuffer();
    const central = packed.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    packed[central + 1] = 0; // the central directory entry's signature
    const before = fs.readdirSync(root).length;
    const err = await storeUpload([{ name: 'mind.zip', bytes: packed }], root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST' });
    expect((err as AppError).message).toMatch(/cannot be read/);
    expect(fs.readdirSync(root)).toHaveLength(before);
  });

  // Issue 15 item 8: a small zip used to inflate (up to 500 MB) synchronously on the admin's event loop.
  it('inflates a zip in chunks off the event loop, and stops at the cap on the bytes actually inflated', async () => {
    const zip = new AdmZip();
    const news = Buffer.alloc(16 * 1024 * 1024, 'N1\tnews\t\tA title\t\t\t[]\t[]\n');
    zip.addFile('MIND/news.tsv', news);
    const packed = zip.toBuffer();
    expect(packed.byteLength).toBeLessThan(news.byteLength / 50);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const stored = await storeUpload([{ name: 'mind.zip', bytes: packed }], root);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(fs.statSync(path.join(stored.importPath, 'news.tsv')).size).toBe(news.byteLength);

    const before = fs.readdirSync(root).length;
    await expect(storeUpload([{ name: 'mind.zip', bytes: packed }], root, 1024 * 1024)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(fs.readdirSync(root)).toHaveLength(before);
  });
});

describe('readImportJob', () => {
  it('shows progress, and a failure without the server’s folders', async () => {
    const q = new InProcessQueue();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.process('import', async (_data, ctx) => {
      await ctx.progress({ file: 'a.jsonl', line: 10, rows: 7 });
      await gate;
      throw new Error('/srv/lede/data/uploads/123/a.jsonl:12: title: expected string');
    });
    const id = await q.enqueue('import', { path: '/x' });
    await new Promise((r) => setTimeout(r, 10));
    expect(await readImportJob(q, id)).toMatchObject({ state: 'active', rows: 7, file: 'a.jsonl', summary: null });
    release();
    await q.waitFor(id).catch(() => undefined);
    expect(await readImportJob(q, id)).toMatchObject({ state: 'failed', error: 'a.jsonl:12: title: expected string' });
    expect(await readImportJob(q, 'unknown')).toBeNull();
  });
});
