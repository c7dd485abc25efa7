import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { parseLooseDate } from '../article-fields';
import { stripHtml } from './rss';
import { importPath } from '../index';
import { makeTempDir } from '../test-fixtures';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => path.join(fixtures, name);

// Shapes of real feeds the importer refused (issue 15, item 11): each file here imported nothing before.
describe(`real-world feeds (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('imports RSS 1.0 (RDF), where &#99999999; becomes U+FFFD instead of a RangeError', async () => {
    expect(await importPath(t.db, fixture('craigslist-rdf.xml'))).toMatchObject({ articles: 2, invalid: 0 });
    const rows = await t.db.article.findMany({ where: { source: 'sfbay.craigslist.org' }, orderBy: { publishedAt: 'desc' } });
    expect(rows.map((r) => r.title)).toEqual(['First edition, signed & dated \uFFFD (SF) $40', 'Box of paperbacks (Oakland) $10']);
    expect(rows[0]).toMatchObject({
      url: 'https://sfbay.craigslist.org/sfc/bks/d/san-francisco-first-edition/7701.html',
      abstract: 'Hardcover in good shape \uFFFD pick up in the Mission.',
      publishedAt: new Date('2025-12-01T01:58:02Z'),
    });
    expect(stripHtml('&#99999999;&#xD800;&#0;')).toBe('\uFFFD\uFFFD\uFFFD');
  });

  it('imports a file with a blank line before the XML declaration, naming lines as they are in the file', async () => {
    expect(await importPath(t.db, fixture('blank-line-before-declaration.xml'))).toMatchObject({ articles: 1 });
    expect(await t.db.article.findFirst({ where: { externalId: 'radio-5521' } })).toMatchObject({ source: 'radio.example.com' });
    const dir = makeTempDir();
    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(broken, fs.readFileSync(fixture('blank-line-before-declaration.xml'), 'utf8').replace('</item>', ''));
    await expect(importPath(t.db, broken)).rejects.toThrow(/broken\.xml:15: malformed XML/);
  });

  it('reads Portuguese dates, and dates an unreadable one by the feed instead of refusing the file', async () => {
    const summary = await importPath(t.db, fixture('portuguese-dates.xml'));
    expect(summary).toMatchObject({ articles: 4, invalid: 0 });
    expect(summary.notes).toEqual([expect.stringMatching(/portuguese-dates\.xml:19: date "em breve" unreadable, dated 2025-11-30T23:00:00\.000Z/)]);
    const byUrl = new Map((await t.db.article.findMany({ where: { source: 'noticias.example.com.br' } })).map((a) => [a.url, a]));
    expect(byUrl.get('https://noticias.example.com.br/ciclovia')?.publishedAt).toEqual(new Date('2025-12-01T13:00:00Z'));
    expect(byUrl.get('https://noticias.example.com.br/chuva')?.publishedAt.toISOString().slice(0, 10)).toBe('2025-12-01');
    expect(byUrl.get('https://noticias.example.com.br/ciclovia')?.category).toBe('Cidade');
  });

  it('imports entries without a title (from the summary) or without an id and link (by title and date)', async () => {
    const first = await importPath(t.db, fixture('podcast-untitled.atom'), { source: 'micro' });
    expect(first).toMatchObject({ articles: 2, invalid: 0 });
    expect(await importPath(t.db, fixture('podcast-untitled.atom'), { source: 'micro' })).toMatchObject({ articles: 2 });
    const rows = await t.db.article.findMany({ where: { source: 'micro' }, orderBy: { publishedAt: 'desc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]?.title).toBe('Short note without a title: the ferry timetable changes on Monday, with two extra sailings in the evening. Fares and…');
    expect(rows[0]?.externalId).toBe('https://micro.example.net/posts/1');
    expect(rows[1]).toMatchObject({ title: 'An entry without an id or a link', abstract: 'Still worth reading.', url: null });
    expect(rows[1]?.externalId).toMatch(/^sha1:[0-9a-f]{40}$/);
  });

  it('reads localized month names and leaves nonsense unread', () => {
    expect(parseLooseDate('Mo, 03 Mär 2025 08:00:00 +0100')).toEqual(new Date('2025-03-03T07:00:00Z'));
    expect(parseLooseDate('1 de dezembro de 2025')?.getDate()).toBe(1);
    expect(parseLooseDate('em breve')).toBeNull();
    expect(parseLooseDate(undefined)).toBeNull();
  });
});
