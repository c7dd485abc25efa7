import { type Db, Prisma } from '@lede/db';

import type { TLogEventsInput } from './events.schema';
import { readerChanged } from '../feed/reader-profile';

/**
 * Stores a batch of reader events. Idempotent by client event id: a retried batch (sendBeacon on leave,
 * a flaky network) counts once. Events naming unknown articles are dropped and counted, not fatal.
 */
export async function logEvents(db: Db, readerId: string, events: TLogEventsInput['events']) {
  const ids = [...new Set(events.map((e) => e.articleId))];
  const known = new Set((await db.article.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
  let stored = 0;
  let duplicates = 0;
  let unknownArticles = 0;
  for (const e of events) {
    if (!known.has(e.articleId)) {
      unknownArticles++;
      continue;
    }
    try {
      await db.readerEvent.create({
        data: {
          clientEventId: `${readerId}:${e.clientEventId}`,
          userId: readerId,
          articleId: e.articleId,
          type: e.type,
          requestId: e.requestId ?? null,
          position: e.position ?? null,
          dwellMs: e.dwellMs ?? null,
        },
      });
      stored++;
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') duplicates++;
      else throw err;
    }
  }
  if (stored) readerChanged(readerId);
  return { stored, duplicates, unknownArticles };
}
