import path from 'node:path';

import { type Db } from '@lede/db';

import { upsertArticles } from '../../ingest/writer/article-writer';
import { createBehaviorState, importMindBehaviors } from '../../ingest/mind/mind-behaviors';
import { addSummary, batchTxOptions, createSummary, defaultBatchSize, type ImportSummary } from '../../ingest/types';
import { type SimArticle } from './corpus';
import { type SimReader } from './readers';
import { type SimImpression } from './sessions';

export const simSource = 'sim';

/** Upserts the articles the sessions name, exactly as the corpus import stores them; returns news id -> id. */
async function storeNamedArticles(db: Db, articles: readonly SimArticle[], impressions: readonly SimImpression[]) {
  const named = new Set<number>();
  for (const imp of impressions) for (const a of [...imp.history, ...imp.shown]) named.add(a);
  const rows = [...named].sort((a, b) => a - b).flatMap((i) => (articles[i] ? [articles[i].row] : []));
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += defaultBatchSize) {
    const batch = rows.slice(i, i + defaultBatchSize);
    const stored = await db.$transaction((tx) => upsertArticles(tx, batch, { returnIds: true }), batchTxOptions);
    for (const bySource of stored.values()) for (const [externalId, id] of bySource) ids.set(externalId, id);
  }
  return { ids, count: rows.length };
}

/**
 * Stores the simulation: the articles it names (with the import's shift, so a corpus import before or after
 * changes nothing), the generated behaviors through the MIND importer (readers `sim:<n>`, impressions, clicks;
 * idempotent), then each reader's onboarding interests and last visit.
 */
export async function writeSimulationToDb(
  db: Db,
  input: { outDir: string; articles: readonly SimArticle[]; readers: readonly SimReader[]; impressions: readonly SimImpression[] },
): Promise<ImportSummary> {
  const started = performance.now();
  const summary = createSummary();
  const { ids: articleIds, count } = await storeNamedArticles(db, input.articles, input.impressions);
  const state = createBehaviorState();
  for (const split of ['train', 'dev']) {
    const file = path.join(input.outDir, split, 'behaviors.tsv');
    addSummary(summary, await importMindBehaviors(db, file, { source: simSource, articleIds, state }));
  }
  const lastVisit = new Map<number, Date>();
  for (const imp of input.impressions) lastVisit.set(imp.reader, imp.time);
  await db.$transaction(
    input.readers.map((r) =>
      db.user.updateMany({
        where: { externalId: `${simSource}:${r.id}` },
        data: { interests: r.interests, lastVisitAt: lastVisit.get(r.id) ?? null },
      }),
    ),
  );
  summary.users = state.cache.size; // per-file counts would list a reader of both splits twice
  summary.articles = count;
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
