import { Prisma } from '@lede/db';

import type { FeedDeps } from './list';
import { servedLog } from './served-log';

export interface SeenInput {
  requestId: string;
  items: { articleId: string; position: number }[];
}

/**
 * Stores impressions for the cards a reader actually saw (the reader app reports a card once it has been at
 * least half visible for 500 ms). Only cards the request really served this reader count (`servedLog`); their
 * position, score and model version come from what was served, not from the report. Idempotent on
 * (requestId, articleId): a retried beacon or a card seen twice is stored once.
 */
export async function recordSeen(deps: FeedDeps, readerId: string, input: SeenInput) {
  const now = deps.now?.() ?? new Date();
  const unique = new Map(input.items.map((i) => [i.articleId, i]));
  const served = new Map([...unique.keys()].flatMap((id) => {
    const item = servedLog.find(input.requestId, readerId, id);
    return item ? [[id, item] as const] : [];
  }));
  const existing = await deps.db.impression.findMany({
    where: { requestId: input.requestId, articleId: { in: [...served.keys()] } },
    select: { articleId: true },
  });
  const done = new Set(existing.map((e) => e.articleId));
  let stored = 0;
  for (const [articleId, item] of served) {
    if (done.has(articleId)) continue;
    try {
      await deps.db.impression.create({
        data: { requestId: input.requestId, userId: readerId, modelVersion: item.modelVersion, articleId, position: item.position, score: item.score, createdAt: now },
      });
      stored++;
    } catch (err) {
      // A concurrent beacon for the same card got there first.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
  }
  // Cards this request never served to this reader (a forged or expired request id, another reader's request).
  const unserved = unique.size - served.size;
  return { stored, duplicates: served.size - stored, unknownArticles: unserved };
}
