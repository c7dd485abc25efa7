import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { importPath } from '..';
import { formatMindTime, parseMindTime } from './mind-time';
import { makeBehaviorLines, makeTempDir, mindNews, writeMindFolder } from '../test-fixtures';

describe(`MIND import (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('reads and writes MIND times as UTC', () => {
    expect(parseMindTime('11/15/2019 8:55:22 AM')?.toISOString()).toBe('2019-11-15T08:55:22.000Z');
    expect(parseMindTime('11/16/2019 12:00:00 AM')?.toISOString()).toBe('2019-11-16T00:00:00.000Z');
    expect(parseMindTime('2/30/2019 1:00:00 PM')).toBeUndefined();
    expect(formatMindTime(new Date('2019-11-16T12:30:05Z'))).toBe('11/16/2019 12:30:05 PM');
  });

  it('rejects a malformed behaviors line naming file:line and stores nothing of the folder', async () => {
    const dir = writeMindFolder(path.join(makeTempDir(), 'bad'), makeBehaviorLines(7));
    await expect(importPath(t.db, dir, { source: 'bad', batchSize: 4 })).rejects.toThrow(
      /behaviors\.tsv:7: expected 5 tab-separated columns, got 3/,
    );
    expect(await t.db.impression.count({ where: { requestId: { startsWith: 'bad:' } } })).toBe(0);
    expect(await t.db.article.count({ where: { source: 'bad' } })).toBe(0);
  });

  it('imports articles, readers, impressions and clicks once, however often it runs', async () => {
    const dir = writeMindFolder(path.join(makeTempDir(), 'train'), makeBehaviorLines());
    const first = await importPath(t.db, dir);
    const second = await importPath(t.db, dir);
    expect(second).toEqual({ ...first, seconds: second.seconds });
    // 8 lines, 18 impressions. 7 labelled clicks, plus the history items no click explains (N1 for U1, N3 for
    // U3); every other history item repeats a click. N99 is not in news.tsv: skipped twice.
    expect(first).toMatchObject({ articles: 6, users: 4, impressions: 18, events: 9, skipped: 2 });
    expect(await t.db.article.count({ where: { source: 'mind' } })).toBe(6);
    expect(await t.db.user.count({ where: { externalId: { startsWith: 'mind:' } } })).toBe(4);
    expect(await t.db.impression.count({ where: { requestId: { startsWith: 'mind:' } } })).toBe(18);
    const u1 = await t.db.user.findUniqueOrThrow({ where: { externalId: 'mind:U1' } });
    const clicks = await t.db.readerEvent.findMany({
      where: { userId: u1.id, type: 'CLICK' },
      include: { article: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(clicks.map((c) => `${c.article.externalId}@${c.requestId ?? 'history'}`)).toEqual([
      'N1@history',
      'N2@mind:1',
      'N5@mind:3',
      'N3@mind:8',
    ]);
    expect(clicks[0]?.createdAt.getTime()).toBeLessThan(new Date('2019-11-15T08:55:22Z').getTime());
    const imp = await t.db.impression.findFirstOrThrow({ where: { requestId: 'mind:4', position: 2 }, include: { article: true } });
    expect(imp).toMatchObject({ modelVersion: 'import', score: 0, createdAt: new Date('2019-11-16T00:00:00Z') });
    expect(imp.article.externalId).toBe('N4');
    // MIND news have no date: the first behavior that names them stands in for it.
    const n6 = await t.db.article.findFirstOrThrow({ where: { source: 'mind', externalId: 'N6' } });
    expect(n6.publishedAt.toISOString()).toBe('2019-11-15T09:01:00.000Z');
    expect(n6).toMatchObject({ category: 'sports', subcategory: 'tennis', title: 'Upset at the open', entities: null });
  });

  it('stores the WikidataIds of the title and abstract entities, each once', async () => {
    const dir = writeMindFolder(path.join(makeTempDir(), 'entities'), makeBehaviorLines());
    await importPath(t.db, dir, { source: 'entities' });
    const rows = await t.db.article.findMany({ where: { source: 'entities' }, select: { externalId: true, entities: true }, orderBy: { externalId: 'asc' } });
    expect(Object.fromEntries(rows.map((r) => [r.externalId, r.entities]))).toEqual({
      N1: 'Q1', N2: 'Q66096 Q11268', N3: null, N4: null, N5: null, N6: null,
    });
  });

  it('rejects an entities column that is not a JSON list, naming file:line', async () => {
    const news = mindNews.map((cols) => [...cols]);
    news[2]![6] = '[{"WikidataId": "Q1"';
    const dir = writeMindFolder(path.join(makeTempDir(), 'bad-entities'), makeBehaviorLines(), news);
    await expect(importPath(t.db, dir, { source: 'bad-entities' })).rejects.toThrow(/news\.tsv:3: title_entities: not JSON/);
    news[2]![6] = '[]';
    news[4]![7] = '{"WikidataId": "Q1"}';
    writeMindFolder(dir, makeBehaviorLines(), news);
    await expect(importPath(t.db, dir, { source: 'bad-entities' })).rejects.toThrow(/news\.tsv:5: abstract_entities: expected a JSON list/);
  });

  it('imports train before dev from a folder of splits, without counting a click twice', async () => {
    const root = makeTempDir();
    const lines = makeBehaviorLines();
    writeMindFolder(path.join(root, 'train'), lines.slice(0, 6));
    // dev history repeats what train already clicked (U1 clicked N2 and N5 in train).
    writeMindFolder(path.join(root, 'dev'), lines.slice(6));
    const summary = await importPath(t.db, root, { source: 'split' });
    expect(summary).toMatchObject({ users: 4, impressions: 18, events: 9 });
    const u1 = await t.db.user.findUniqueOrThrow({ where: { externalId: 'split:U1' } });
    expect(await t.db.readerEvent.count({ where: { userId: u1.id } })).toBe(4);
  });

  it('names file:line when an impression lists news missing from news.tsv', async () => {
    const lines = makeBehaviorLines();
    lines[2] = ['3', 'U1', '11/15/2019 1:15:00 PM', '', 'N5-1 N77-0'].join('\t');
    const dir = writeMindFolder(path.join(makeTempDir(), 'missing'), lines);
    await expect(importPath(t.db, path.join(dir, 'behaviors.tsv'), { source: 'missing' })).rejects.toThrow(
      /behaviors\.tsv:3: impression names news id N77, which is not in news\.tsv/,
    );
    expect(fs.existsSync(dir)).toBe(true);
  });
});
