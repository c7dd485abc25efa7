import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { ImportError } from './errors';

/** One RSS item or Atom entry, fields as found (still unvalidated). */
export interface RawFeedItem {
  line: number;
  externalId?: string;
  title?: string;
  summary?: string;
  category?: string;
  link?: string;
  author?: string;
  date?: string;
}

export interface RawFeed {
  kind: 'rss' | 'atom';
  link?: string;
  date?: string;
  items: RawFeedItem[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['item', 'entry', 'category', 'link', 'author'].includes(name),
});

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text of an element that may carry attributes (`<title type="html">`) or repeat (`<category>`). */
function readText(v: unknown): string | undefined {
  if (Array.isArray(v)) return readText(v[0]);
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (isNode(v)) return readText(v['#text']) ?? readText(v['@_term']) ?? readText(v.name);
  return undefined;
}

function readAtomLink(v: unknown): string | undefined {
  const links = (Array.isArray(v) ? v : [v]).filter(isNode);
  const alternate = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  return readText(alternate?.['@_href']) ?? readText(v);
}

/** 1-based line of each opening `<item>` / `<entry>`, so a bad item can be reported by line. */
function findItemLines(xml: string, tag: string): number[] {
  const lines: number[] = [];
  const re = new RegExp(`<${tag}[\\s>/]`, 'g');
  let line = 1;
  let from = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = from; i < m.index; i++) if (xml.charCodeAt(i) === 10) line += 1;
    from = m.index;
    lines.push(line);
  }
  return lines;
}

function readRss(channel: Node, xml: string): RawFeed {
  const lines = findItemLines(xml, 'item');
  const items = (Array.isArray(channel.item) ? channel.item : []).filter(isNode).map((item, i) => ({
    line: lines[i] ?? 0,
    externalId: readText(item.guid) ?? readText(item.link),
    title: readText(item.title),
    summary: readText(item.description) ?? readText(item['content:encoded']),
    category: readText(item.category),
    link: readText(item.link),
    author: readText(item.author) ?? readText(item['dc:creator']),
    date: readText(item.pubDate) ?? readText(item['dc:date']),
  }));
  return { kind: 'rss', link: readText(channel.link), date: readText(channel.pubDate) ?? readText(channel.lastBuildDate), items };
}

function readAtom(feed: Node, xml: string): RawFeed {
  const lines = findItemLines(xml, 'entry');
  const items = (Array.isArray(feed.entry) ? feed.entry : []).filter(isNode).map((entry, i) => ({
    line: lines[i] ?? 0,
    externalId: readText(entry.id) ?? readAtomLink(entry.link),
    title: readText(entry.title),
    summary: readText(entry.summary) ?? readText(entry.content),
    category: readText(entry.category),
    link: readAtomLink(entry.link),
    author: readText(entry.author),
    date: readText(entry.published) ?? readText(entry.updated),
  }));
  return { kind: 'atom', link: readAtomLink(feed.link), date: readText(feed.updated), items };
}

/** Parses RSS 2.0 or Atom text; an ImportError names the line of malformed XML. */
export function parseFeedXml(xml: string, file: string): RawFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ImportError(file, valid.err.line, `malformed XML: ${valid.err.msg}`);
  const doc: unknown = parser.parse(xml);
  if (isNode(doc) && isNode(doc.rss) && isNode(doc.rss.channel)) return readRss(doc.rss.channel, xml);
  if (isNode(doc) && isNode(doc.feed)) return readAtom(doc.feed, xml);
  throw new ImportError(file, 1, 'neither an RSS 2.0 <rss><channel> nor an Atom <feed> document');
}
