import { type Db } from '@lede/db';

import { MAX_REQUESTS } from './requests';

const VISIT_GAP_MS = 30 * 60_000;
/** User.lastVisitAt is written at most this often per reader during a visit. */
const VISIT_WRITE_MS = 60_000;
/** Per process: the start of each reader's current visit and what counted as new when it began. */
const visits = new Map<string, { newSince: Date | null; lastActive: number; lastWritten: number }>();

/**
 * A visit is a run of feed requests with gaps under 30 minutes. User.lastVisitAt holds the reader's latest
 * feed request (to the minute: within a visit it is written at most once a minute); the first request of a
 * new visit takes it as "new since", and the visit keeps that value (kept in memory: a restart mid-visit
 * narrows the marker to the time since the restart, never widens it).
 */
export async function startVisit(db: Db, readerId: string, now: Date): Promise<Date | null> {
  const current = visits.get(readerId);
  const continues = current && now.getTime() - current.lastActive < VISIT_GAP_MS;
  let newSince: Date | null;
  if (continues) {
    newSince = current.newSince;
  } else {
    const user = await db.user.findUnique({ where: { id: readerId }, select: { lastVisitAt: true } });
    newSince = user?.lastVisitAt ?? null;
  }
  const write = !continues || now.getTime() - current.lastWritten >= VISIT_WRITE_MS;
  visits.set(readerId, { newSince, lastActive: now.getTime(), lastWritten: write ? now.getTime() : current.lastWritten });
  if (visits.size > MAX_REQUESTS * 10) visits.delete(visits.keys().next().value!);
  if (write) await db.user.updateMany({ where: { id: readerId }, data: { lastVisitAt: now } });
  return newSince;
}
