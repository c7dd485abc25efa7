import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { repoRoot } from '@lede/db';
import { createTestDb, type TestDb } from '@lede/db/testing';

import { DEMO_SPREAD_DAYS } from '../../shared/demo-clock';
import { importPath } from '..';
import { makeTempDir } from '../test-fixtures';

const corpus = path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl');
// A story of the corpus' last day of 2021 and one of its first day of 2022.
const lastOf2021 = 'huffpost-6eaf99ecf9967aae';
const firstOf2022 = 'huffpost-69d5aa2af8bc2fed';

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

  it('imports the demo corpus twice and keeps 13,445 articles, spread over the last 28 days in order', async () => {
    const now = new Date('2026-03-10T15:00:00Z');
    const first = await importPath(t.db, corpus, { shiftToNow: now });
    expect(first.articles).toBe(13_445);
    const second = await importPath(t.db, corpus, { shiftToNow: now });
    expect(second.articles).toBe(13_445);
    expect(await t.db.article.count({ where: { source: 'huffpost' } })).toBe(13_445);
    const newest = await t.db.article.findFirstOrThrow({ orderBy: { publishedAt: 'desc' } });
    expect(newest.publishedAt.toISOString()).toBe('2026-03-10T00:00:00.000Z');
    const oldest = await t.db.article.findFirstOrThrow({ orderBy: { publishedAt: 'asc' } });
    // 2018-02-28 .. 2022-09-23 (1668 days) spread over DEMO_SPREAD_DAYS: all inside the 30-day pool window.
    expect((newest.publishedAt.getTime() - oldest.publishedAt.getTime()) / 86_400_000).toBe(DEMO_SPREAD_DAYS);
    // The order is kept: the corpus' first stories of 2022 come after its last of 2021.
    const last2021 = await t.db.article.findFirstOrThrow({ where: { externalId: lastOf2021 } });
    const first2022 = await t.db.article.findFirstOrThrow({ where: { externalId: firstOf2022 } });
    expect(last2021.publishedAt.getTime()).toBeLessThanOrEqual(first2022.publishedAt.getTime());
    // Depth: the two biggest sections hold hundreds of stories inside the window, not a handful.
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const sports = await t.db.article.count({ where: { category: 'SPORTS', publishedAt: { gte: since } } });
    expect(sports).toBeGreaterThan(200);
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

  it('keeps an http(s) image and drops any other', async () => {
    const dir = makeTempDir();
    const file = writeJsonl(dir, [
      { ...row('i1', 'With image', '2024-01-02'), image: 'https://img.example.com/1.jpg' },
      { ...row('i2', 'Script image', '2024-01-02'), image: 'javascript:alert(1)' },
      row('i3', 'No image', '2024-01-02'),
    ]);
    await importPath(t.db, file, { source: 'img' });
    const stored = await t.db.article.findMany({ where: { source: 'img' }, orderBy: { externalId: 'asc' } });
    expect(stored.map((a) => a.imageUrl)).toEqual(['https://img.example.com/1.jpg', null, null]);
  });

  it('rejects a malformed row naming file and line, storing none of the file', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'bad.jsonl');
    const good = [row('c1', 'One', '2024-02-01'), row('c2', 'Two', '2024-02-02')].map((r) => JSON.stringify(r));
    fs.writeFileSync(file, [...good, JSON.stringify({ ...row('c3', 'Three', 'soon'), source: 'test' })].join('\n'));
    await expect(importPath(t.db, file, { source: 'bad' })).rejects.toThrow(/bad\.jsonl:3: published: expected a date/);
    expect(await t.db.article.count({ where: { source: 'bad' } })).toBe(0);
    fs.writeFileSync(file, `${good[0]}\n{"id": "c4",\n`);
    await expect(importPath(t.db, file, { source: 'bad' })).rejects.toThrow(/bad\.jsonl:2: invalid JSON/);
  });
});
