import { createDemoSpread, dayMs } from '../../shared/demo-clock';
import { type ArticleRow } from '../../ingest/writer/article-writer';
import { ImportError } from '../../ingest/errors';
import { parseJsonlArticle } from '../../ingest/jsonl/jsonl';
import { readLines } from '../../ingest/lines';

export interface SimArticle {
  /** Position in publication order. */
  index: number;
  source: string;
  /** Doubles as the MIND news id: the database import finds the article by it. */
  externalId: string;
  title: string;
  abstract: string;
  category: string;
  url: string;
  /** Spread exactly as `import --shift-to-now` spreads it. */
  publishedAt: Date;
  /** Whole days since the epoch (UTC) of publishedAt. */
  day: number;
  /** The row `import --shift-to-now` stores, so writing it from here changes nothing. */
  row: ArticleRow;
}

/**
 * Reads the demo corpus (same parser as the import) and spreads its dates as the import does, so the generated
 * sessions line up with the stored articles. Sorted by publication, then id.
 */
export async function loadCorpus(file: string, now: Date): Promise<SimArticle[]> {
  const rows = [];
  const seen = new Set<string>();
  for await (const { line, text } of readLines(file)) {
    if (text.trim() === '') continue;
    const row = parseJsonlArticle(text, file, line);
    // MIND files name news by id alone, so ids must not repeat across sources.
    if (seen.has(row.externalId)) throw new ImportError(file, line, `duplicate article id ${row.externalId}`);
    seen.add(row.externalId);
    rows.push(row);
  }
  if (rows.length === 0) throw new ImportError(file, undefined, 'no articles');
  const times = rows.map((r) => r.publishedAt.getTime());
  const spread = createDemoSpread({ oldest: new Date(Math.min(...times)), newest: new Date(Math.max(...times)) }, now);
  rows.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || (a.externalId < b.externalId ? -1 : 1));
  return rows.map((r, index) => {
    const publishedAt = spread(r.publishedAt);
    return {
      index,
      source: r.source,
      externalId: r.externalId,
      title: r.title,
      abstract: r.abstract,
      category: r.category,
      url: r.url ?? '',
      publishedAt,
      day: Math.floor(publishedAt.getTime() / dayMs),
      row: { ...r, publishedAt },
    };
  });
}
