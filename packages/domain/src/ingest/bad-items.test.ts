import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { InvalidItemsError } from './bad-items';
import { importPath } from './index';
import { makeBehaviorLines, makeTempDir, rssXml, writeMindFolder } from './test-fixtures';

const jsonlRow = (id: string, extra: object = {}) =>
  JSON.stringify({ id, source: 'x', title: `Story ${id}`, description: '', category: 'NEWS', published: '2025-01-02', url: `https://example.com/${id}`, ...extra });

/** Import errors as `basename:line: detail`, the way an editor reads them. */
async function readRefusal(run: Promise<unknown>): Promise<string[]> {
  const err = await run.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidItemsError);
  return (err as InvalidItemsError).items.map((i) => `${path.basename(i.file)}:${i.line}: ${i.detail}`);
}

// One policy for bad items in every format (issue 15, items 2, 8 and 11): before, a JSONL whose line 2 was
// broken still published line 1, and a bad item stopped the listing at the first one.
describe(`bad items: all or nothing, or skipped on request (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = makeTempDir();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('JSONL: lists every bad line and publishes nothing; --skip-invalid imports the rest', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    const lines = [jsonlRow('a'), '{"id": "b",', jsonlRow('c', { url: 'javascript:alert(1)' }), jsonlRow('d'), jsonlRow('e', { published: 'soon' })];
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const refused = await readRefusal(importPath(t.db, file, { source: 'jl' }));
    expect(refused).toEqual([
      expect.stringMatching(/^mixed\.jsonl:2: invalid JSON/),
      'mixed.jsonl:3: url: only http and https links are accepted',
      'mixed.jsonl:5: published: expected a date (YYYY-MM-DD or ISO 8601)',
    ]);
    expect(await t.db.article.count({ where: { source: 'jl' } })).toBe(0);

    const summary = await importPath(t.db, file, { source: 'jl', skipInvalid: true });
    expect(summary).toMatchObject({ articles: 2, invalid: 3 });
    expect(summary.notes).toHaveLength(3);
    expect(summary.notes[0]).toMatch(/^skipped .*mixed\.jsonl:2: invalid JSON/);
    const stored = await t.db.article.findMany({ where: { source: 'jl' }, orderBy: { externalId: 'asc' } });
    expect(stored.map((a) => a.externalId)).toEqual(['a', 'd']);
  });

  it('RSS: every bad item by line, nothing published; skipped on request', async () => {
    const file = path.join(dir, 'mixed.xml');
    const xml = rssXml
      .replace('<link>https://www.example.org/bike-lanes</link>', '<link>data:text/html,hi</link>')
      .replace('<title>Library extends opening hours</title>', '')
      .replace('<description>Open until 10 pm &amp; on Sundays.</description>', '');
    fs.writeFileSync(file, xml);
    expect(await readRefusal(importPath(t.db, file, { source: 'rs' }))).toEqual([
      'mixed.xml:7: link: only http and https links are accepted',
      'mixed.xml:17: title: missing, and no description to take one from',
    ]);
    expect(await t.db.article.count({ where: { source: 'rs' } })).toBe(0);
    fs.writeFileSync(file, rssXml.replace('<title>Library extends opening hours</title>', '').replace('<description>Open until 10 pm &amp; on Sundays.</description>', ''));
    expect(await importPath(t.db, file, { source: 'rs', skipInvalid: true })).toMatchObject({ articles: 1, invalid: 1 });
  });

  it('MIND: bad news and behaviors lines from every split are listed before anything is written', async () => {
    const root = makeTempDir();
    const lines = makeBehaviorLines();
    lines[1] = ['2', 'U2', 'yesterday', '', 'N5-0 N6-1'].join('\t');
    writeMindFolder(path.join(root, 'train'), lines.slice(0, 6));
    const dev = writeMindFolder(path.join(root, 'dev'), [...lines.slice(6), ['9', 'U5', '11/17/2019 9:00:00 AM', '', 'N77-1'].join('\t')]);
    fs.appendFileSync(path.join(dev, 'news.tsv'), 'N8\tnews\t\t\t\t\t[]\t[]\n');
    expect(await readRefusal(importPath(t.db, root, { source: 'mb' }))).toEqual([
      expect.stringMatching(/^behaviors\.tsv:2: time: expected a time/),
      'news.tsv:7: title: empty title',
      'behaviors.tsv:3: impression names news id N77, which is not in news.tsv',
    ]);
    expect(await t.db.article.count({ where: { source: 'mb' } })).toBe(0);
    expect(await t.db.impression.count({ where: { requestId: { startsWith: 'mb:' } } })).toBe(0);

    const summary = await importPath(t.db, root, { source: 'mb', skipInvalid: true });
    expect(summary).toMatchObject({ invalid: 3, impressions: 16 });
    expect(await t.db.impression.count({ where: { requestId: 'mb:2' } })).toBe(0);
  });

  it('clamps a far-future date to the import time and says so', async () => {
    const file = path.join(dir, 'future.jsonl');
    fs.writeFileSync(file, [jsonlRow('f1', { published: '2099-01-01' }), jsonlRow('f2')].join('\n'));
    const before = Date.now();
    const summary = await importPath(t.db, file, { source: 'fut' });
    expect(summary).toMatchObject({ articles: 2, clamped: 1 });
    expect(summary.notes).toEqual([expect.stringMatching(/future\.jsonl:1: date 2099-01-01T00:00:00\.000Z is in the future, clamped to /)]);
    const f1 = await t.db.article.findFirstOrThrow({ where: { source: 'fut', externalId: 'f1' } });
    expect(f1.publishedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(f1.publishedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
