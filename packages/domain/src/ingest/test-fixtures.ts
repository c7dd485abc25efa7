// Small MIND, RSS and Atom inputs written to temp folders by the import tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function makeTempDir(prefix = 'lede-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** MIND's entity columns: JSON lists of entity objects (N1 and N2 carry some; N2's abstract repeats Q11268). */
const entity = (label: string, wikidataId: string) =>
  ({ Label: label, Type: 'O', WikidataId: wikidataId, Confidence: 1.0, OccurrenceOffsets: [0], SurfaceForms: [label] });

export const mindNews = [
  ['N1', 'sports', 'football', 'Cup final goes to extra time', 'A tense night.', 'https://example.com/n1', JSON.stringify([entity('Cup final', 'Q1')]), '[]'],
  [
    'N2', 'news', 'newsus', 'Senate passes budget', '', 'https://example.com/n2',
    JSON.stringify([entity('United States Senate', 'Q66096'), entity('Budget', 'Q11268')]),
    JSON.stringify([entity('Budget', 'Q11268'), { Label: 'no id', Type: 'O' }]),
  ],
  ['N3', 'finance', 'markets', 'Stocks rally on rate hopes', 'Markets rose.', '', '[]', '[]'],
  ['N4', 'lifestyle', 'food', 'Ten soups for winter', 'Warm up.', '', '[]', '[]'],
  ['N5', 'news', 'newsworld', 'Storm hits coast', 'Thousands without power.', '', '[]', '[]'],
  ['N6', 'sports', 'tennis', 'Upset at the open', 'Seed falls early.', '', '[]', '[]'],
];

/** Seven good lines (history names N99, which news.tsv lacks); `badLine` (1-based) gets 3 columns. */
export function makeBehaviorLines(badLine?: number): string[] {
  const lines = [
    ['1', 'U1', '11/15/2019 8:55:22 AM', 'N1 N99', 'N2-1 N3-0 N4-0'],
    ['2', 'U2', '11/15/2019 9:01:00 AM', '', 'N5-0 N6-1'],
    ['3', 'U1', '11/15/2019 1:15:00 PM', 'N1 N99 N2', 'N5-1 N6-0'],
    ['4', 'U3', '11/16/2019 12:00:00 AM', 'N3', 'N1-0 N2-0 N4-1'],
    ['5', 'U2', '11/16/2019 12:30:05 PM', 'N6', 'N1-1 N3-0'],
    ['6', 'U4', '11/16/2019 6:45:00 PM', '', 'N2-0 N3-1'],
    ['7', 'U3', '11/17/2019 7:00:00 AM', 'N3 N4', 'N5-0 N6-0'],
    ['8', 'U1', '11/17/2019 8:00:00 AM', 'N1 N2 N5', 'N3-1 N4-0'],
  ].map((cols) => cols.join('\t'));
  if (badLine !== undefined) lines[badLine - 1] = ['7', 'U3', '11/17/2019 7:00:00 AM'].join('\t');
  return lines;
}

export function writeMindFolder(dir: string, behaviors: string[], news: string[][] = mindNews): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'news.tsv'), news.map((cols) => cols.join('\t')).join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'behaviors.tsv'), behaviors.join('\n') + '\n');
  return dir;
}

export const rssXml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Example News</title>
    <link>https://www.example.org/</link>
    <description>Latest</description>
    <item>
      <title>Council approves new bike lanes</title>
      <link>https://www.example.org/bike-lanes</link>
      <guid isPermaLink="false">ex-1001</guid>
      <description><![CDATA[<p>The plan adds <b>12 km</b> of lanes&nbsp;by spring.</p>]]></description>
      <category>Local</category>
      <category>Transport</category>
      <dc:creator>Ana Ruiz</dc:creator>
      <pubDate>Tue, 03 Jun 2025 09:30:00 GMT</pubDate>
    </item>
    <item>
      <title>Library extends opening hours</title>
      <link>https://www.example.org/library</link>
      <description>Open until 10 pm &amp; on Sundays.</description>
      <pubDate>Wed, 04 Jun 2025 12:00:00 GMT</pubDate>
    </item>
  </channel>
</rss>
`;

export const atomXml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Science Daily Digest</title>
  <link href="https://science.example.net/feed.atom" rel="self"/>
  <link href="https://science.example.net/"/>
  <updated>2025-06-05T08:00:00Z</updated>
  <id>urn:uuid:feed-1</id>
  <entry>
    <title type="html">Telescope spots &lt;em&gt;water&lt;/em&gt; vapour</title>
    <link href="https://science.example.net/water"/>
    <id>urn:uuid:entry-1</id>
    <updated>2025-06-05T07:00:00Z</updated>
    <summary type="html">&lt;p&gt;A faint signal from a distant exoplanet.&lt;/p&gt;</summary>
    <category term="space"/>
    <author><name>Lee Chen</name></author>
  </entry>
  <entry>
    <title>Bees learn to count</title>
    <link rel="alternate" href="https://science.example.net/bees"/>
    <id>urn:uuid:entry-2</id>
    <published>2025-06-04T10:00:00Z</published>
    <updated>2025-06-04T11:00:00Z</updated>
    <summary>Experiments show bees can tell three from four.</summary>
  </entry>
</feed>
`;
