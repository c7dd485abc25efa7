import { type Db, Prisma } from '@lede/db';

import { readerChanged, readerClicked, type RecentClick } from '../feed/reader-changes';
import { FEEDBACK_KEPT } from '../feed/reader-profile';
import { servedLog } from '../feed/served-log';
import type { TLogEventsInput } from './events.schema';

/**
 * Stores a batch of reader events. Idempotent by client event id: a retried batch (sendBeacon on leave,
 * a flaky network) counts once. Events naming unknown articles are dropped and counted, not fatal, and so are
 * feed clicks (a request id) on a card that request did not serve this reader: a click counts for CTR,
 * training and popularity only as the answer to a served card, and it carries the served position.
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
    const served = e.type === 'CLICK' && e.requestId ? servedLog.find(e.requestId, readerId, e.articleId) : undefined;
    if (!known.has(e.articleId) || served === null) {
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
          position: served ? served.position : (e.position ?? null),
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
  if (events.some((e) => e.type === 'NOT_INTERESTED' || e.type === 'UNDO_NOT_INTERESTED')) await pruneFeedback(db, readerId);
  // Dwell time does not enter ranking; a click is added to cached profiles (every process's, over the change
  // bus); feedback reloads them.
  if (feedback) readerChanged(readerId);
  else readerClicked(readerId, clicks);
  return { stored, duplicates, unknownArticles };
}

/** Keeps a reader's latest FEEDBACK_KEPT "not interested" / undo events; ranking reads no more than those. */
async function pruneFeedback(db: Db, readerId: string): Promise<void> {
  const older = await db.readerEvent.findMany({
    where: { userId: readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: FEEDBACK_KEPT,
    select: { id: true },
  });
  if (older.length) await db.readerEvent.deleteMany({ where: { id: { in: older.map((e) => e.id) } } });
}
