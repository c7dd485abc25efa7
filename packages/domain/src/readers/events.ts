import { type Db, Prisma } from '@lede/db';

import type { TLogEventsInput } from './events.schema';
import { readerChanged, readerClicked, type RecentClick } from '../feed/reader-changes';

/**
 * Stores a batch of reader events. Idempotent by client event id: a retried batch (sendBeacon on leave,
 * a flaky network) counts once. Events naming unknown articles are dropped and counted, not fatal.
 */
export async function logEvents(db: Db, readerId: string, events: TLogEventsInput['events']) {
  const ids = [...new Set(events.map((e) => e.articleId))];
  const known = new Set((await db.article.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
  let stored = 0;
  const clicks: RecentClick[] = [];
  let feedback = false;
  let duplicates = 0;
  let unknownArticles = 0;
  for (const e of events) {
    if (!known.has(e.articleId)) {
      unknownArticles++;
      continue;
    }
    try {
      const row = await db.readerEvent.create({
        data: {
          clientEventId: `${readerId}:${e.clientEventId}`,
          userId: readerId,
          articleId: e.articleId,
          type: e.type,
          requestId: e.requestId ?? null,
          position: e.position ?? null,
          dwellMs: e.dwellMs ?? null,
        },
        select: { articleId: true, type: true, createdAt: true },
      });
      stored++;
      if (row.type === 'CLICK') clicks.push({ articleId: row.articleId, clickedAt: row.createdAt });
      else if (row.type !== 'DWELL') feedback = true;
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') duplicates++;
      else throw err;
    }
  }
  // Dwell time does not enter ranking; a click is added to cached profiles; feedback reloads them.
  if (feedback) readerChanged(readerId);
  else readerClicked(readerId, clicks);
  return { stored, duplicates, unknownArticles };
}
