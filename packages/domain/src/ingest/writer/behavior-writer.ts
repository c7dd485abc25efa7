import { Prisma } from '@lede/db';

import { createId } from './sql-ids';
import { type DbTx } from '../types';

export interface ImpressionRow {
  requestId: string;
  userKey: string;
  articleId: string;
  position: number;
  createdAt: Date;
}

export interface ClickRow {
  clientEventId: string;
  userKey: string;
  articleId: string;
  requestId: string | null;
  position: number | null;
  createdAt: Date;
  /** Clicks known only from a history list; dropped when the reader already has a click on that article. */
  fromHistory: boolean;
}

export interface BehaviorBatch {
  userKeys: Set<string>;
  impressions: ImpressionRow[];
  clicks: ClickRow[];
}

export function createBehaviorBatch(): BehaviorBatch {
  return { userKeys: new Set(), impressions: [], clicks: [] };
}

/** Imported readers: externalId -> user id, filled as batches resolve them (one lookup per new reader). */
export type UserCache = Map<string, string>;

async function resolveUsers(tx: DbTx, keys: Iterable<string>, cache: UserCache): Promise<void> {
  const missing = [...keys].filter((k) => !cache.has(k));
  if (missing.length === 0) return;
  const found = await tx.user.findMany({ where: { externalId: { in: missing } }, select: { id: true, externalId: true } });
  for (const u of found) if (u.externalId) cache.set(u.externalId, u.id);
  const toCreate = missing.filter((k) => !cache.has(k)).map((externalId) => ({ externalId, isAnonymous: true }));
  if (toCreate.length === 0) return;
  const created = await tx.user.createManyAndReturn({ data: toCreate, select: { id: true, externalId: true } });
  for (const u of created) if (u.externalId) cache.set(u.externalId, u.id);
}

function userIdOf(cache: UserCache, key: string): string {
  const id = cache.get(key);
  if (!id) throw new Error(`reader ${key} was not resolved`);
  return id;
}

async function upsertImpressions(tx: DbTx, rows: ImpressionRow[], cache: UserCache): Promise<number> {
  // One statement cannot touch a row twice: an article listed twice in one impression keeps its first position.
  const unique = new Map<string, ImpressionRow>();
  for (const r of rows) if (!unique.has(`${r.requestId}\0${r.articleId}`)) unique.set(`${r.requestId}\0${r.articleId}`, r);
  const values = [...unique.values()].map(
    (r) =>
      Prisma.sql`(${createId()}, ${r.requestId}, ${userIdOf(cache, r.userKey)}, 'import', ${r.articleId}, ${r.position}, 0, ${r.createdAt})`,
  );
  await tx.$executeRaw`
    INSERT INTO "Impression" ("id", "requestId", "userId", "modelVersion", "articleId", "position", "score", "createdAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("requestId", "articleId") DO UPDATE SET
      "userId" = excluded."userId", "position" = excluded."position", "createdAt" = excluded."createdAt"
    WHERE "Impression"."userId" IS DISTINCT FROM excluded."userId"
      OR "Impression"."position" IS DISTINCT FROM excluded."position"
      OR "Impression"."createdAt" IS DISTINCT FROM excluded."createdAt"`;
  return rows.length;
}

/** History clicks stand for "this reader clicked this article once": skip them when another click says so. */
async function dropKnownHistoryClicks(tx: DbTx, rows: ClickRow[], cache: UserCache): Promise<ClickRow[]> {
  const history = rows.filter((r) => r.fromHistory);
  if (history.length === 0) return rows;
  const known = await tx.readerEvent.findMany({
    where: {
      type: 'CLICK',
      userId: { in: [...new Set(history.map((r) => userIdOf(cache, r.userKey)))] },
      articleId: { in: [...new Set(history.map((r) => r.articleId))] },
    },
    select: { userId: true, articleId: true, clientEventId: true },
  });
  const other = new Map(known.map((e) => [`${e.userId}\0${e.articleId}`, e.clientEventId]));
  return rows.filter((r) => {
    if (!r.fromHistory) return true;
    const id = other.get(`${userIdOf(cache, r.userKey)}\0${r.articleId}`);
    return id === undefined || id === r.clientEventId;
  });
}

async function insertClicks(tx: DbTx, rows: ClickRow[], cache: UserCache): Promise<number> {
  const kept = await dropKnownHistoryClicks(tx, rows, cache);
  if (kept.length === 0) return 0;
  const values = kept.map(
    (r) =>
      Prisma.sql`(${createId()}, ${r.clientEventId}, ${userIdOf(cache, r.userKey)}, ${r.articleId}, 'CLICK', ${r.requestId}, ${r.position}, ${r.createdAt})`,
  );
  // Events are facts already reported: a stored one is never rewritten, so re-import cannot double-count. The
  // type is a literal, which PostgreSQL casts to its enum and SQLite stores as text.
  await tx.$executeRaw`
    INSERT INTO "ReaderEvent" ("id", "clientEventId", "userId", "articleId", "type", "requestId", "position", "createdAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("clientEventId") DO NOTHING`;
  return kept.length;
}

/** Writes one batch of behaviors: readers first, then impressions and clicks that point at them. */
export async function writeBehaviorBatch(
  tx: DbTx,
  batch: BehaviorBatch,
  cache: UserCache,
): Promise<{ impressions: number; events: number }> {
  await resolveUsers(tx, batch.userKeys, cache);
  const impressions = batch.impressions.length > 0 ? await upsertImpressions(tx, batch.impressions, cache) : 0;
  const events = batch.clicks.length > 0 ? await insertClicks(tx, batch.clicks, cache) : 0;
  return { impressions, events };
}
