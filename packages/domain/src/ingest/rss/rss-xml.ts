import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';

import { ImportError } from '../errors';

/** One RSS item or Atom entry, fields as found (still unvalidated). */
export interface RawFeedItem {
  line: number;
  externalId?: string;
  title?: string;
  summary?: string;
  category?: string;
  link?: string;
  /** Lead image: the item's own image, else its first image media (Media RSS, image enclosures). */
  image?: string;
  author?: string;
  /** Parsed by the feed library; `rawDate` is what the file says when it could not. */
  date?: Date;
  rawDate?: string;
}

export interface RawFeed {
  link?: string;
  date?: Date;
  items: RawFeedItem[];
}

/** 1-based line of each opening `<item>` / `<entry>` (RSS 0.9x/1.0/2.0 items, Atom entries), in order. */
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

const dateTags = ['pubdate', 'date', 'published', 'updated', 'issued', 'modified'];
const orUndefined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/**
 * Parses RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 or Atom with @rowanmanning/feed-parser, which reads the shapes real
 * feeds come in (namespaces, RDF, CDATA, numeric entities). Malformed XML is found first with fast-xml-parser's
 * validator, which names the line (the feed library would guess its way through it). A blank line or BOM
 * before the XML declaration is tolerated: browsers and other readers accept it, the XML spec does not.
 */
export function parseFeedXml(text: string, file: string): RawFeed {
  const lead = /^[\uFEFF\s]*/.exec(text)?.[0] ?? '';
  const offset = lead.split('\n').length - 1;
  const xml = text.slice(lead.length);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ImportError(file, valid.err.line + offset, `malformed XML: ${valid.err.msg}`);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch {
    throw new ImportError(file, 1 + offset, 'neither an RSS (0.9x, 1.0/RDF, 2.0) nor an Atom feed');
  }
  const lines = findItemLines(xml, feed.meta.type === 'atom' ? 'entry' : 'item');
  const items = feed.items.map((item, i): RawFeedItem => {
    const date = item.published ?? item.updated;
    const rawDate = date ? undefined : dateTags.map((t) => item.element.findElementWithName(t)?.textContent.trim()).find(Boolean);
    return {
      line: (lines[i] ?? 0) + offset,
      externalId: orUndefined(item.id) ?? orUndefined(item.url),
      title: orUndefined(item.title),
      summary: orUndefined(item.description) ?? orUndefined(item.content),
      category: orUndefined(item.categories[0]?.label ?? item.categories[0]?.term),
      link: orUndefined(item.url),
      image: orUndefined(item.image?.url ?? item.mediaImages[0]?.url ?? item.media.find((m) => m.image)?.image),
      author: orUndefined(item.authors[0]?.name),
      date: orUndefined(date),
      rawDate,
    };
  });
  return { link: orUndefined(feed.url), date: orUndefined(feed.updated ?? feed.published), items };
}
