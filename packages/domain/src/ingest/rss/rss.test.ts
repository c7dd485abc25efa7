import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { detectFormat, importPath } from '..';
import { stripHtml } from './rss';
import { atomXml, makeTempDir, rssXml } from '../test-fixtures';

describe(`RSS and Atom import (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = makeTempDir();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('strips HTML to plain text', () => {
    expect(stripHtml('<p>Fish &amp; chips&nbsp;<b>today</b> &#8212; &#x41;</p>')).toBe('Fish & chips today — A');
  });

  it('imports an RSS 2.0 feed, source from the channel link host', async () => {
    const file = path.join(dir, 'news.rss');
    fs.writeFileSync(file, rssXml);
    expect(detectFormat(file)).toBe('feed');
    expect(await importPath(t.db, file)).toMatchObject({ articles: 2 });
    expect(await importPath(t.db, file)).toMatchObject({ articles: 2 });
    const rows = await t.db.article.findMany({ where: { source: 'example.org' }, orderBy: { publishedAt: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      externalId: 'ex-1001',
      title: 'Council approves new bike lanes',
      abstract: 'The plan adds 12 km of lanes by spring.',
      category: 'Local',
      url: 'https://www.example.org/bike-lanes',
      authors: 'Ana Ruiz',
      publishedAt: new Date('2025-06-03T09:30:00Z'),
    });
    // No guid: the link identifies the item; no category: "general".
    expect(rows[1]).toMatchObject({ externalId: 'https://www.example.org/library', category: 'general' });
    expect(rows[1]?.abstract).toBe('Open until 10 pm & on Sundays.');
  });

  it('imports an Atom feed with a source option', async () => {
    const file = path.join(dir, 'science.xml');
    fs.writeFileSync(file, atomXml);
    expect(await importPath(t.db, file, { source: 'science' })).toMatchObject({ articles: 2 });
    const rows = await t.db.article.findMany({ where: { source: 'science' }, orderBy: { publishedAt: 'desc' } });
    expect(rows[0]).toMatchObject({
      externalId: 'urn:uuid:entry-1',
      title: 'Telescope spots water vapour',
      abstract: 'A faint signal from a distant exoplanet.',
      category: 'space',
      url: 'https://science.example.net/water',
      authors: 'Lee Chen',
    });
    expect(rows[1]).toMatchObject({ url: 'https://science.example.net/bees', publishedAt: new Date('2025-06-04T10:00:00Z') });
  });

  it('names the line of malformed XML and of an item with neither title nor description', async () => {
    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(broken, rssXml.replace('</item>', ''));
    await expect(importPath(t.db, broken)).rejects.toThrow(/broken\.xml:\d+: malformed XML/);
    const untitled = path.join(dir, 'untitled.xml');
    fs.writeFileSync(untitled, rssXml.replace('<title>Library extends opening hours</title>', '').replace('<description>Open until 10 pm &amp; on Sundays.</description>', ''));
    await expect(importPath(t.db, untitled, { source: 'untitled' })).rejects.toThrow(/untitled\.xml:17: title: missing/);
    expect(await t.db.article.count({ where: { source: 'untitled' } })).toBe(0);
  });

  it('stores an image from media:content, an image enclosure or an Atom enclosure link, http(s) only', async () => {
    const file = path.join(dir, 'images.rss');
    const item = (id: string, extra: string) =>
      `<item><guid>${id}</guid><title>Story ${id}</title><pubDate>Tue, 03 Jun 2025 09:30:00 GMT</pubDate>${extra}</item>`;
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title><link>https://img.example.org/</link>
${item('m', '<media:content url="https://img.example.org/m.jpg" medium="image"/>')}
${item('e', '<enclosure url="http://img.example.org/e.png" type="image/png" length="1"/>')}
${item('a', '<enclosure url="https://img.example.org/a.mp3" type="audio/mpeg" length="1"/>')}
${item('j', '<media:thumbnail url="javascript:alert(1)"/>')}
</channel></rss>`,
    );
    await importPath(t.db, file, { source: 'images' });
    const rows = await t.db.article.findMany({ where: { source: 'images' }, select: { externalId: true, imageUrl: true } });
    expect(Object.fromEntries(rows.map((r) => [r.externalId, r.imageUrl]))).toEqual({
      m: 'https://img.example.org/m.jpg',
      e: 'http://img.example.org/e.png',
      a: null,
      j: null,
    });

    const atom = path.join(dir, 'images.atom');
    fs.writeFileSync(
      atom,
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>2025-06-04T10:00:00Z</updated>
<entry><id>x</id><title>Bees</title><updated>2025-06-04T10:00:00Z</updated><link href="https://s.example.net/bees"/>
<link rel="enclosure" type="image/jpeg" href="https://s.example.net/bees.jpg"/></entry></feed>`,
    );
    await importPath(t.db, atom, { source: 'atom-images' });
    expect(await t.db.article.findFirst({ where: { source: 'atom-images' }, select: { url: true, imageUrl: true } })).toEqual({
      url: 'https://s.example.net/bees',
      imageUrl: 'https://s.example.net/bees.jpg',
    });
  });
});
