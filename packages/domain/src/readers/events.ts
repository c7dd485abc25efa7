import { type Db, Prisma } from '@lede/db';

import { readerChanged, readerClicked, type RecentClick } from '../feed/profile/reader-changes';
import { FEEDBACK_KEPT } from '../feed/profile/reader-profile';
import { servedLog } from '../feed/session/served-log';
import type { TLogEventsInput } from './events.schema';

/**
 * Stores a batch of reader events, in one insert. Idempotent by client event id: a retried batch (sendBeacon on leave,
 * a flaky network) counts once. Events naming unknown articles are dropped and counted, not fatal, and so are
 * feed clicks (a request id) on a card that request did not serve this reader: a click counts for CTR,
 * training and popularity only as the answer to a served card, and it carries the served position.
 */
export async function logEvents(db: Db, readerId: string, events: TLogEventsInput['events']) {
  const ids = [...new Set(events.map((e) => e.articleId))];
  const known = new Set((await db.article.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((a) => a.id));
  const served = await servedCards(readerId, events);
  let unknownArticles = 0;
  let duplicates = 0;
  const rows = new Map<string, Prisma.ReaderEventCreateManyInput>();
  for (const e of events) {
    const card = e.type === 'CLICK' && e.requestId ? (served.get(e.requestId)?.get(e.articleId) ?? null) : undefined;
    if (!known.has(e.articleId) || card === null) {
      unknownArticles++;
      continue;
    }
    const clientEventId = `${readerId}:${e.clientEventId}`;
    if (rows.has(clientEventId)) {
      duplicates++;
      continue;
    }
    rows.set(clientEventId, {
      clientEventId,
      userId: readerId,
      articleId: e.articleId,
      type: e.type,
      requestId: e.requestId ?? null,
      position: card ? card.position : (e.position ?? null),
      dwellMs: e.dwellMs ?? null,
    });
  }
  // A retried batch: the events already stored count as duplicates; the rest go in one statement.
  const stored0 = rows.size
    ? await db.readerEvent.findMany({ where: { clientEventId: { in: [...rows.keys()] } }, select: { clientEventId: true } })
    : [];
  for (const { clientEventId } of stored0) rows.delete(clientEventId);
  duplicates += stored0.length;
  const created: { articleId: string; type: string; createdAt: Date }[] = [];
  const select = { articleId: true, type: true, createdAt: true } as const;
  if (rows.size) {
    try {
      created.push(...(await db.readerEvent.createManyAndReturn({ data: [...rows.values()], select })));
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // The same batch arrived twice at once (a beacon and its retry): store what the other did not.
      for (const data of rows.values()) {
        try {
          created.push(await db.readerEvent.create({ data, select }));
        } catch (e) {
          if (isDuplicate(e)) duplicates++;
          else throw e;
        }
      }
    }
  }
  if (events.some((e) => e.type === 'NOT_INTERESTED' || e.type === 'UNDO_NOT_INTERESTED')) await pruneFeedback(db, readerId);
  const stored = created.length;
  const clicks: RecentClick[] = created.flatMap((r) => (r.type === 'CLICK' ? [{ articleId: r.articleId, clickedAt: r.createdAt }] : []));
  const feedback = created.some((r) => r.type !== 'CLICK' && r.type !== 'DWELL');
  // Dwell time does not enter ranking; a click is added to cached profiles (every process's, over the change
  // bus); feedback reloads them.
  if (feedback) readerChanged(readerId);
  else readerClicked(readerId, clicks);
  return { stored, duplicates, unknownArticles };
}

/** The cards the batch's feed clicks answer, by request: one served-log lookup per request. */
async function servedCards(readerId: string, events: TLogEventsInput['events']) {
  const clicked = new Map<string, string[]>();
  for (const e of events) if (e.type === 'CLICK' && e.requestId) clicked.set(e.requestId, [...(clicked.get(e.requestId) ?? []), e.articleId]);
  return new Map(await Promise.all([...clicked].map(async ([requestId, ids]) => [requestId, await servedLog.find(requestId, readerId, ids)] as const)));
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

function isDuplicate(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}
