import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { InProcessQueue } from '../jobs';
import { readImportJob, storeUpload } from './uploads';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-upload-svc-'));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('storeUpload', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps a single file as the import path and a MIND pair as a folder, with safe names', () => {
    const one = storeUpload([{ name: '../../Wire Feed.XML', bytes: bytes('<rss/>') }], root);
    expect(one.format).toBe('feed');
    expect(path.dirname(one.importPath)).toBe(path.join(root, one.uploadId));
    expect(path.basename(one.importPath)).toBe('wire_feed.xml');

    const pair = storeUpload([{ name: 'news.tsv', bytes: bytes('') }, { name: 'behaviors.tsv', bytes: bytes('') }], root);
    expect(pair).toMatchObject({ format: 'mind', importPath: path.join(root, pair.uploadId) });
    expect(fs.readdirSync(pair.importPath).sort()).toEqual(['behaviors.tsv', 'news.tsv']);
  });

  it('leaves nothing behind when a zip cannot be read', () => {
    const before = fs.readdirSync(root).length;
    expect(() => storeUpload([{ name: 'broken.zip', bytes: bytes('not a zip') }], root)).toThrow(/cannot be read/);
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
