import { Prisma } from '@lede/db';

import type { FeedDeps } from '../list';
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
  const served = await servedLog.find(input.requestId, readerId, [...unique.keys()]);
  const existing = await deps.db.impression.findMany({
    where: { requestId: input.requestId, articleId: { in: [...served.keys()] } },
    select: { articleId: true },
  });
  const done = new Set(existing.map((e) => e.articleId));
  const rows = [...served].filter(([articleId]) => !done.has(articleId)).map(([articleId, item]) => ({
    requestId: input.requestId, userId: readerId, modelVersion: item.modelVersion, articleId, position: item.position, score: item.score, createdAt: now,
  }));
  // One statement for the whole report: on SQLite every write takes the database's one write lock.
  let stored = 0;
  if (rows.length) {
    try {
      stored = (await deps.db.impression.createMany({ data: rows })).count;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // A concurrent beacon for some of these cards got there first: store the others one by one.
      for (const data of rows) {
        try {
          await deps.db.impression.create({ data });
          stored++;
        } catch (e) {
          if (!isDuplicate(e)) throw e;
        }
      }
    }
  }
  // Cards this request never served to this reader (a forged or expired request id, another reader's request).
  const unserved = unique.size - served.size;
  return { stored, duplicates: served.size - stored, unknownArticles: unserved };
}

function isDuplicate(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}
