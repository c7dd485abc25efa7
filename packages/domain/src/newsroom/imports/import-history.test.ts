import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { makeTempDir } from '../../ingest/test-fixtures';
import { createImportRecord, importFromCommandLine, listImports, runRecordedImport } from './import-history';

const row = (id: string, title: string) => ({ id, source: 'wire', title, description: 'x', category: 'TECH', published: '2026-01-02' });

function writeJsonl(dir: string, name: string, lines: (object | string)[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

describe(`import history and drafts on import (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = makeTempDir();
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  it('stores new articles as drafts of their import, and leaves an article already here as it was', async () => {
    const published = await importFromCommandLine(t.db, writeJsonl(dir, 'first.jsonl', [row('w1', 'Already published')]), {});
    expect(await t.db.article.findFirstOrThrow({ where: { externalId: 'w1' } })).toMatchObject({ status: 'PUBLISHED', importId: published.importId });

    const file = writeJsonl(dir, 'drafts.jsonl', [row('w1', 'Already published, new title'), row('w2', 'Drafted one'), row('w3', 'Drafted two')]);
    const { importId, summary } = await importFromCommandLine(t.db, file, { asDrafts: true });
    expect(summary.articles).toBe(3);
    const stored = await t.db.article.findMany({ where: { source: 'wire' }, orderBy: { externalId: 'asc' }, select: { externalId: true, title: true, status: true, importId: true } });
    expect(stored).toEqual([
      // Updated by the second import, but still published and still the first import's.
      { externalId: 'w1', title: 'Already published, new title', status: 'PUBLISHED', importId: published.importId },
      { externalId: 'w2', title: 'Drafted one', status: 'DRAFT', importId },
      { externalId: 'w3', title: 'Drafted two', status: 'DRAFT', importId },
    ]);

    const history = await listImports(t.db, { page: 0, pageSize: 10 });
    expect(history.total).toBe(2);
    expect(history.rows[0]).toMatchObject({
      id: importId, origin: 'cli', fileName: 'drafts.jsonl', format: 'jsonl', asDrafts: true, status: 'SUCCEEDED', error: null,
      articles: 3, invalid: 0, created: 2, drafts: 2, actor: null, finishedAt: expect.any(Date) as unknown,
    });
    expect(history.rows[1]).toMatchObject({ id: published.importId, asDrafts: false, created: 1, drafts: 0 });
  });

  it('records a failed import with the file and line, and who uploaded it', async () => {
    const editor = await t.db.user.create({ data: { email: 'history@example.com', role: 'EDITOR', interests: [] } });
    const file = writeJsonl(dir, 'bad.jsonl', [row('b1', 'Fine'), 'not json']);
    const { id } = await createImportRecord(t.db, { actorId: editor.id, origin: 'upload', fileName: 'bad.jsonl', format: 'jsonl', asDrafts: true, skipInvalid: false });
    await expect(runRecordedImport(t.db, id, file, {}, 'job-1')).rejects.toThrow(/invalid items/);
    expect(await t.db.article.count({ where: { externalId: 'b1' } })).toBe(0);
    const [failed] = (await listImports(t.db, { page: 0, pageSize: 1 })).rows;
    expect(failed).toMatchObject({ id, status: 'FAILED', actor: 'history@example.com', created: 0 });
    // The summary line, then each bad item as file:line, without the server's folders.
    expect(failed!.error).toMatch(/^1 invalid item: nothing was imported/);
    expect(failed!.error).toContain('\nbad.jsonl:2: invalid JSON');
    expect(failed!.error).not.toContain(dir);
    expect(await t.db.import.findUniqueOrThrow({ where: { id } })).toMatchObject({ jobId: 'job-1' });

    // Skipping invalid items: the same file imports its valid line, and the record counts the one left out.
    await t.db.import.update({ where: { id }, data: { skipInvalid: true } });
    await runRecordedImport(t.db, id, file, { skipInvalid: true });
    expect(await t.db.import.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SUCCEEDED', error: null, articles: 1, invalid: 1 });
    expect(await t.db.article.findFirstOrThrow({ where: { externalId: 'b1' } })).toMatchObject({ status: 'DRAFT', importId: id });
  });

  it('imports unrecorded and published when its record is missing (a job queued before imports were recorded)', async () => {
    await runRecordedImport(t.db, 'no-such-import', writeJsonl(dir, 'old.jsonl', [row('o1', 'Old job')]), {});
    expect(await t.db.article.findFirstOrThrow({ where: { externalId: 'o1' } })).toMatchObject({ status: 'PUBLISHED', importId: null });
  });
});
