import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot } from '@lede/db';
import { createTestDb, type TestDb } from '@lede/db/testing';

import { importPath } from '.';
import { makeTempDir } from './test-fixtures';

const corpus = path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl');

function writeJsonl(dir: string, rows: object[]): string {
  const file = path.join(dir, 'articles.jsonl');
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

const row = (id: string, title: string, published: string) => ({
  id,
  source: 'test',
  title,
  description: 'Some description.',
  category: 'WORLD NEWS',
  published,
  url: `https://example.com/${id}`,
  authors: '',
});

describe(`JSONL import (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('imports the demo corpus twice and keeps 13,445 articles, newest shifted to today', async () => {
    const now = new Date('2026-03-10T15:00:00Z');
    const first = await importPath(t.db, corpus, { shiftToNow: now });
    expect(first.articles).toBe(13_445);
    const second = await importPath(t.db, corpus, { shiftToNow: now });
    expect(second.articles).toBe(13_445);
    expect(await t.db.article.count({ where: { source: 'huffpost' } })).toBe(13_445);
    const newest = await t.db.article.findFirstOrThrow({ orderBy: { publishedAt: 'desc' } });
    expect(newest.publishedAt.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    const oldest = await t.db.article.findFirstOrThrow({ orderBy: { publishedAt: 'asc' } });
    // 2018-02-28 .. 2022-09-23 is 1668 days; the shift keeps that span.
    expect((newest.publishedAt.getTime() - oldest.publishedAt.getTime()) / 86_400_000).toBe(1668);
  }, 60_000);

  it('updates a changed title on re-import', async () => {
    const dir = makeTempDir();
    const file = writeJsonl(dir, [row('a', 'Old title', '2024-01-02'), row('b', 'Other', '2024-01-03')]);
    await importPath(t.db, file);
    writeJsonl(dir, [row('a', 'New title', '2024-01-02'), row('b', 'Other', '2024-01-03')]);
    const summary = await importPath(t.db, file);
    expect(summary.articles).toBe(2);
    const stored = await t.db.article.findMany({ where: { source: 'test' }, orderBy: { externalId: 'asc' } });
    expect(stored.map((a) => a.title)).toEqual(['New title', 'Other']);
    expect(stored[0]?.abstract).toBe('Some description.');
    expect(stored[0]?.authors).toBeNull();
  });

  it('rejects a malformed row naming file and line, keeping the rows before it', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'bad.jsonl');
    const good = [row('c1', 'One', '2024-02-01'), row('c2', 'Two', '2024-02-02')].map((r) => JSON.stringify(r));
    fs.writeFileSync(file, [...good, JSON.stringify({ ...row('c3', 'Three', 'soon'), source: 'test' })].join('\n'));
    await expect(importPath(t.db, file, { source: 'bad' })).rejects.toThrow(/bad\.jsonl:3: published: expected a date/);
    expect(await t.db.article.count({ where: { source: 'bad' } })).toBe(2);
    fs.writeFileSync(file, `${good[0]}\n{"id": "c4",\n`);
    await expect(importPath(t.db, file, { source: 'bad' })).rejects.toThrow(/bad\.jsonl:2: invalid JSON/);
  });
});
