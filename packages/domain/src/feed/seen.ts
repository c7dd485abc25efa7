import { Prisma } from '@lede/db';

import { type FeedDeps, findServed } from './list';

export interface SeenInput {
  requestId: string;
  items: { articleId: string; position: number }[];
}

/**
 * Stores impressions for the cards a reader actually saw (the reader app reports a card once it has been at
 * least half visible for 500 ms). Score and model version come from the request's ranking while it is in
 * memory; after an eviction or a restart the score is 0 and the version is the one the router gives the reader
 * now. Idempotent on (requestId, articleId): a retried beacon or a card seen twice is stored once.
 */
export async function recordSeen(deps: FeedDeps, readerId: string, input: SeenInput) {
  const now = deps.now?.() ?? new Date();
  const unique = new Map(input.items.map((i) => [i.articleId, i]));
  const known = await deps.db.article.findMany({ where: { id: { in: [...unique.keys()] } }, select: { id: true } });
  const knownIds = new Set(known.map((a) => a.id));
  const existing = await deps.db.impression.findMany({
    where: { requestId: input.requestId, articleId: { in: [...knownIds] } },
    select: { articleId: true },
  });
  const done = new Set(existing.map((e) => e.articleId));
  let fallbackVersion: string | undefined;
  let stored = 0;
  for (const item of unique.values()) {
    if (!knownIds.has(item.articleId) || done.has(item.articleId)) continue;
    const served = findServed(input.requestId, readerId, item.articleId, item.position);
    const modelVersion = served?.modelVersion ?? (fallbackVersion ??= await deps.models.versionFor(readerId));
    try {
      await deps.db.impression.create({
        data: { requestId: input.requestId, userId: readerId, modelVersion, articleId: item.articleId, position: item.position, score: served?.score ?? 0, createdAt: now },
      });
      stored++;
    } catch (err) {
      // A concurrent beacon for the same card got there first.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
  }
  return { stored, duplicates: unique.size - stored - (unique.size - knownIds.size), unknownArticles: unique.size - knownIds.size };
}
