// Seeded generators of malformed inputs for `npm run bench -- fuzz`: JSONL, RSS/Atom, MIND folders, zip
// files, and tRPC inputs of the wrong shape. Every generated file holds at least one bad item, so the
// import policy (a file with an invalid item publishes nothing) must leave the database unchanged.
import { createRng } from '@lede/ranking/training';

export type Rng = () => number;

/** The same seed gives the same cases. */
export const seededRng: (seed: number) => Rng = createRng;

export const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** Strings that break parsers: control bytes, lone surrogates, NUL, huge, markup, separators. */
export function nastyString(rng: Rng): string {
  switch (int(rng, 0, 9)) {
    case 0:
      return '';
    case 1:
      return '\u0000\u0001\u001f';
    case 2:
      return '\ud800 lone surrogate';
    case 3:
      return 'x'.repeat(int(rng, 70_000, 2_000_000));
    case 4:
      return '<script>alert(1)</script>';
    case 5:
      return '\t\n\r';
    case 6:
      return 'javascript:alert(1)';
    case 7:
      return '%00%ff../../etc/passwd';
    case 8:
      return '🧨'.repeat(int(rng, 1, 5000));
    default:
      return String.fromCharCode(...Array.from({ length: int(rng, 1, 64) }, () => int(rng, 0, 0xffff)));
  }
}

/** A value of a random JSON type, sometimes huge or deeply nested. */
export function wrongValue(rng: Rng): unknown {
  switch (int(rng, 0, 11)) {
    case 0:
      return null;
    case 1:
      return int(rng, -1e9, 1e9);
    case 2:
      return rng() < 0.5;
    case 3:
      return [];
    case 4:
      return Array.from({ length: int(rng, 10_000, 200_000) }, (_, i) => i);
    case 5:
      return {};
    case 6:
      return deep(int(rng, 100, 800)); // deeper text is sent raw (see deepJson)
    case 7:
      return { __proto__: { admin: true }, constructor: { prototype: { polluted: true } } };
    case 8:
      return 1e308 * 10; // Infinity -> null in JSON
    case 9:
      return -0;
    case 10:
      return [nastyString(rng)];
    default:
      return nastyString(rng);
  }
}

/** JSON text nested `depth` deep, written as text (JSON.stringify itself overflows the stack on such values). */
export function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

// ---------------------------------------------------------------- JSONL

export function validJsonlArticle(id: string, rng: Rng): Record<string, unknown> {
  return {
    id,
    source: 'fuzz',
    title: rng() < 0.1 ? `Huge ${'t'.repeat(int(rng, 10_000, 300_000))}` : `Fuzz story ${id}`,
    description: rng() < 0.1 ? 'd'.repeat(int(rng, 10_000, 500_000)) : 'A generated story.',
    category: 'FUZZ',
    published: '2025-06-01',
    url: `https://example.org/${id}`,
  };
}

/** One JSONL line that parseJsonlArticle must refuse (the caller checks that it does). */
export function badJsonlLine(rng: Rng, id: string): string {
  const good = validJsonlArticle(id, rng);
  const text = JSON.stringify(good);
  const required = ['id', 'source', 'title', 'category', 'published'];
  switch (int(rng, 0, 12)) {
    case 0:
      return text.slice(0, int(rng, 1, text.length - 2)); // truncated
    case 1: {
      const copy = { ...good };
      delete copy[pick(rng, required)];
      return JSON.stringify(copy);
    }
    case 2:
      return JSON.stringify({ ...good, [pick(rng, required)]: wrongValue(rng) });
    case 3:
      return JSON.stringify({ ...good, published: pick(rng, ['yesterday', '2025-13-45', '', 'NaN', '31/12/2025x']) });
    case 4:
      return JSON.stringify({ ...good, url: pick(rng, ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url', 42]) });
    case 5:
      return JSON.stringify(pick(rng, [[good], 42, 'string', null, true]));
    case 6:
      return `{${'"a":{'.repeat(int(rng, 1000, 100_000))}`; // unbalanced deep nesting
    case 7:
      return Buffer.from(Array.from({ length: int(rng, 1, 400) }, () => int(rng, 0, 255))).toString('latin1');
    case 8:
      return JSON.stringify({ ...good, title: '   ' });
    case 9:
      return JSON.stringify({ ...good, id: nastyString(rng).slice(0, 0) });
    case 10:
      return `${text}${text}`; // two objects on one line
    case 11:
      return JSON.stringify({ ...good, title: Array.from({ length: int(rng, 10_000, 100_000) }, () => 'x') });
    default:
      return `\u0000${text}`;
  }
}

// ---------------------------------------------------------------- RSS / Atom

const rssItem = (i: string) =>
  `<item><title>Fuzz item ${i}</title><link>https://example.org/rss/${i}</link><guid isPermaLink="false">fuzz-rss-${i}</guid><description>Text ${i}</description><pubDate>Tue, 03 Jun 2025 09:30:00 GMT</pubDate></item>`;
const atomEntry = (i: string) =>
  `<entry><title>Fuzz entry ${i}</title><link href="https://example.org/atom/${i}"/><id>urn:fuzz:${i}</id><updated>2025-06-03T09:30:00Z</updated><summary>Text ${i}</summary></entry>`;

/** A feed (RSS 2.0 or Atom) with good items and one bad one, or a document that is not a readable feed. */
export function badFeed(rng: Rng, key: string): { ext: string; text: string } {
  const atom = rng() < 0.4;
  const good = Array.from({ length: int(rng, 0, 4) }, (_, k) => (atom ? atomEntry(`${key}-${k}`) : rssItem(`${key}-${k}`)));
  const wrap = (items: string[]) =>
    atom
      ? `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Fuzz</title><id>urn:fuzz</id><updated>2025-06-03T09:30:00Z</updated>\n${items.join('\n')}\n</feed>\n`
      : `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Fuzz</title><link>https://example.org/</link><description>x</description>\n${items.join('\n')}\n</channel></rss>\n`;
  const ext = atom ? pick(rng, ['.atom', '.xml']) : pick(rng, ['.rss', '.xml']);
  const whole = wrap(good);
  const bad = atom
    ? [
        `<entry><id>urn:fuzz:${key}-bad</id><updated>2025-06-03T09:30:00Z</updated></entry>`, // no title, no summary
        `<entry><title>Bad link</title><link href="javascript:alert(1)"/><id>urn:fuzz:${key}-js</id></entry>`,
      ]
    : [
        `<item><guid>fuzz-${key}-bad</guid><pubDate>Tue, 03 Jun 2025 09:30:00 GMT</pubDate></item>`,
        `<item><title>Bad link</title><link>javascript:alert(1)</link><guid>fuzz-${key}-js</guid></item>`,
        `<item><title>Data link</title><link>data:text/html,hi</link></item>`,
      ];
  switch (int(rng, 0, 9)) {
    case 0:
      return { ext, text: whole.slice(0, int(rng, 10, whole.length - 10)) }; // truncated
    case 1: {
      const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');
      return { ext, text: `<?xml version="1.0"?>\n<!DOCTYPE rss [${laughs}]>\n<rss version="2.0"><channel><title>&lol9;</title>${rssItem(key)}<item><guid>x</guid></item></channel></rss>` };
    }
    case 2:
      return { ext, text: `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><link>javascript:x</link></item></channel></rss>` };
    case 3:
      return { ext, text: pick(rng, ['<html><body>Not a feed</body></html>', '<opml version="2.0"><body/></opml>', '<rss', '', '<?xml version="1.0"?>']) };
    case 4:
      return { ext, text: `<rss version="2.0"><channel>${'<x>'.repeat(int(rng, 1000, 50_000))}</channel></rss>` }; // unclosed, deep
    case 5:
      return {
        ext,
        text: wrap([
          ...good,
          atom
            ? `<entry><title>${'&amp;'.repeat(int(rng, 10_000, 200_000))}</title><link href="ftp://example.org/x"/></entry>`
            : `<item><title>${'&amp;'.repeat(int(rng, 10_000, 200_000))}</title><link>ftp://example.org/x</link></item>`,
        ]),
      };
    case 6:
      return { ext, text: Buffer.from(Array.from({ length: int(rng, 1, 2000) }, () => int(rng, 0, 255))).toString('latin1') };
    case 7:
      return { ext, text: whole.replace('<title>', `<title a="${'"'.repeat(3)}">`) }; // broken attribute
    default: {
      const items = [...good];
      items.splice(int(rng, 0, items.length), 0, pick(rng, bad));
      return { ext, text: wrap(items) };
    }
  }
}

// ---------------------------------------------------------------- MIND

const mindNews = (key: string, n: number) =>
  Array.from({ length: n }, (_, k) => [`F${key}x${k}`, 'news', 'fuzz', `MIND fuzz ${key} ${k}`, 'Abstract.', `https://example.org/m/${key}/${k}`, '[]', '[]'].join('\t'));
const behaviorLine = (key: string, i: number, news: number) =>
  [String(i + 1), `U${key}x${i}`, '11/15/2019 8:55:22 AM', `F${key}x0`, `F${key}x${news - 1}-1 F${key}x0-0`].join('\t');

/** A MIND folder (news.tsv, often behaviors.tsv) with one bad line: files by name. */
export function badMindFolder(rng: Rng, key: string): Record<string, string> {
  const n = int(rng, 2, 6);
  const news = mindNews(key, n);
  const behaviors = Array.from({ length: int(rng, 1, 5) }, (_, i) => behaviorLine(key, i, n));
  const badNews = [
    'only\ttwo',
    [`F${key}bad`, 'news', 'fuzz', '', 'empty title', '', '[]', '[]'].join('\t'),
    [`F${key}bad`, 'news', 'fuzz', 'Bad link', '', 'javascript:alert(1)', '[]', '[]'].join('\t'),
    ['', 'news', 'fuzz', 'No id', '', '', '[]', '[]'].join('\t'),
    Array.from({ length: 12 }, () => 'x').join('\t'),
    [`F${key}bad`, '', 'fuzz', 'No category', '', '', '[]', '[]'].join('\t'),
  ];
  const badBehaviors = [
    ['1', `U${key}`, '11/15/2019 8:55:22 AM'].join('\t'),
    ['1', `U${key}`, 'not a time', '', `F${key}x0-1`].join('\t'),
    ['1', `U${key}`, '11/15/2019 8:55:22 AM', '', `F${key}missing-1`].join('\t'),
    ['1', `U${key}`, '13/45/2019 99:99:99 XM', '', `F${key}x0-1`].join('\t'),
    ['', `U${key}`, '11/15/2019 8:55:22 AM', '', `F${key}x0-1`].join('\t'),
    ['1', `U${key}`, '11/15/2019 8:55:22 AM', '', `F${key}x0-7`].join('\t'),
    ['1', `U${key}`, '11/15/2019 8:55:22 AM', '', `${'F'.repeat(int(rng, 1000, 100_000))}-1`].join('\t'),
  ];
  const withBehaviors = rng() < 0.7;
  if (!withBehaviors || rng() < 0.4) news.splice(int(rng, 0, news.length), 0, pick(rng, badNews));
  else behaviors.splice(int(rng, 0, behaviors.length), 0, pick(rng, badBehaviors));
  return { 'news.tsv': `${news.join('\n')}\n`, ...(withBehaviors ? { 'behaviors.tsv': `${behaviors.join('\n')}\n` } : {}) };
}
