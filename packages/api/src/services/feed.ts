import crypto from 'node:crypto';

import { type Db } from '@lede/db';
import { computeCosine, defaultRankingConfig, rankByFreshnessPopularity, rankCandidates, type RankedItem, type RankingConfig } from '@lede/ranking';

import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { CandidatePool, PoolArticle } from './candidate-pool';
import { type ModelRouter, rankingConfigForVersion } from './model-versions';
import { loadReaderProfile } from './reader-profile';

export interface FeedDeps {
  db: Db;
  pool: CandidatePool;
  models: ModelRouter;
  log: Logger;
  encoderVersion: () => string | null;
  rankingConfig?: Partial<RankingConfig>;
  now?: () => Date;
}

export interface FeedInput {
  cursor?: string | null;
  limit: number;
  category?: string | null;
}

export interface FeedItem {
  article: PoolArticle;
  position: number;
  ranked: RankedItem;
}

interface RankedRequest {
  readerId: string;
  modelVersion: string;
  fallback: boolean;
  items: RankedItem[];
  /** Feed position of items[0]: non-zero when a request was ranked again after its ranking was evicted. */
  base: number;
  createdAt: number;
  /** Stories published after this are marked new: the end of the reader's previous visit (null on a first visit). */
  newSince: Date | null;
}

/** One ranking per feed session: later pages are slices of it, so no article appears on two pages. */
const requests = new Map<string, RankedRequest>();
const REQUEST_TTL_MS = 30 * 60_000;
const MAX_REQUESTS = 2_000;

function remember(id: string, req: RankedRequest) {
  requests.set(id, req);
  if (requests.size > MAX_REQUESTS) {
    for (const [key, value] of requests) {
      if (requests.size <= MAX_REQUESTS * 0.9 && Date.now() - value.createdAt < REQUEST_TTL_MS) break;
      requests.delete(key);
    }
  }
}

function encodeCursor(requestId: string, offset: number) {
  return Buffer.from(JSON.stringify({ r: requestId, o: offset })).toString('base64url');
}

function decodeCursor(cursor: string): { requestId: string; offset: number } {
  try {
    const { r, o } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { r: unknown; o: unknown };
    if (typeof r === 'string' && Number.isInteger(o) && (o as number) >= 0) return { requestId: r, offset: o as number };
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', 'Malformed cursor');
}

export async function listFeed(deps: FeedDeps, readerId: string, input: FeedInput) {
  const now = deps.now?.() ?? new Date();
  let requestId: string;
  let offset = 0;
  let req: RankedRequest | undefined;
  if (input.cursor) {
    ({ requestId, offset } = decodeCursor(input.cursor));
    req = requests.get(requestId);
    if (req && req.readerId !== readerId) throw new AppError('BAD_REQUEST', 'Cursor belongs to another reader');
    if (req) await dropMutedAhead(deps, req, offset - req.base);
    // The ranking was evicted (or the server restarted): rank again, minus what this request already showed.
    req ??= {
      ...(await rankFor(deps, readerId, input.category ?? null, now, await shownIn(deps.db, requestId, readerId))),
      base: offset,
      newSince: null,
    };
  } else {
    requestId = crypto.randomUUID();
    const [ranked, newSince] = await Promise.all([rankFor(deps, readerId, input.category ?? null, now, new Set()), startVisit(deps.db, readerId, now)]);
    req = { ...ranked, base: 0, newSince };
  }
  remember(requestId, req);

  const start = offset - req.base;
  const page = req.items.slice(start, start + input.limit);
  const items: FeedItem[] = [];
  page.forEach((ranked, i) => {
    const article = deps.pool.get(ranked.articleId);
    if (article) items.push({ article, ranked, position: offset + i });
  });
  // No impressions here: the reader app reports the cards actually seen through feed.seen (recordSeen).
  const more = start + input.limit < req.items.length;
  return {
    requestId,
    modelVersion: req.modelVersion,
    fallback: req.fallback,
    newSince: req.newSince,
    items,
    nextCursor: more ? encodeCursor(requestId, offset + items.length) : null,
  };
}

/** What a request served at `articleId`, if its ranking is still in memory and belongs to this reader. */
export function findServed(requestId: string, readerId: string, articleId: string, position: number) {
  const req = requests.get(requestId);
  if (!req || req.readerId !== readerId) return null;
  const at = req.items[position - req.base];
  const item = at?.articleId === articleId ? at : req.items.find((i) => i.articleId === articleId);
  return item ? { modelVersion: req.modelVersion, score: item.score } : null;
}

const VISIT_GAP_MS = 30 * 60_000;
/** Per process: the start of each reader's current visit and what counted as new when it began. */
const visits = new Map<string, { newSince: Date | null; lastActive: number }>();

/**
 * A visit is a run of feed requests with gaps under 30 minutes. User.lastVisitAt holds the reader's latest
 * feed request; the first request of a new visit takes it as "new since", and the visit keeps that value
 * (kept in memory: a restart mid-visit narrows the marker to the time since the restart, never widens it).
 */
async function startVisit(db: Db, readerId: string, now: Date): Promise<Date | null> {
  const current = visits.get(readerId);
  let newSince: Date | null;
  if (current && now.getTime() - current.lastActive < VISIT_GAP_MS) {
    newSince = current.newSince;
  } else {
    const user = await db.user.findUnique({ where: { id: readerId }, select: { lastVisitAt: true } });
    newSince = user?.lastVisitAt ?? null;
  }
  visits.set(readerId, { newSince, lastActive: now.getTime() });
  if (visits.size > MAX_REQUESTS * 10) visits.delete(visits.keys().next().value!);
  await db.user.updateMany({ where: { id: readerId }, data: { lastVisitAt: now } });
  return newSince;
}

/**
 * "Not interested" takes effect inside the current feed session too: stories not yet served that are the muted
 * article or its near neighbours (the ranking's suppression threshold) leave the rest of this ranking. Only items
 * after `start` change, so earlier pages and offsets stay valid.
 */
async function dropMutedAhead(deps: FeedDeps, req: RankedRequest, start: number) {
  const feedback = await deps.db.readerEvent.findMany({
    where: { userId: req.readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] }, createdAt: { gte: new Date(req.createdAt) } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { articleId: true, type: true },
  });
  const muted = new Set<string>();
  for (const f of feedback) {
    if (f.type === 'NOT_INTERESTED') muted.add(f.articleId);
    else muted.delete(f.articleId);
  }
  if (!muted.size) return;
  const threshold = deps.rankingConfig?.notInterestedSimilarity ?? defaultRankingConfig.notInterestedSimilarity;
  const mutedVectors = [...muted].map((id) => deps.pool.get(id)?.vector).filter((v): v is Float32Array => !!v);
  const isMuted = (item: RankedItem) => {
    if (muted.has(item.articleId)) return true;
    const vector = deps.pool.get(item.articleId)?.vector;
    return !!vector && mutedVectors.some((m) => (computeCosine(m, vector) ?? 0) >= threshold);
  };
  req.items = [...req.items.slice(0, start), ...req.items.slice(start).filter((item) => !isMuted(item))];
}

async function shownIn(db: Db, requestId: string, readerId: string): Promise<Set<string>> {
  const rows = await db.impression.findMany({ where: { requestId, userId: readerId }, select: { articleId: true } });
  return new Set(rows.map((r) => r.articleId));
}

async function rankFor(
  deps: FeedDeps,
  readerId: string,
  category: string | null,
  now: Date,
  exclude: Set<string>,
): Promise<Omit<RankedRequest, 'base' | 'newSince'>> {
  const [candidates, modelVersion] = await Promise.all([deps.pool.list(), deps.models.versionFor(readerId)]);
  const pool = candidates.filter((c) => !exclude.has(c.id) && (!category || c.category === category));
  const context = { now, hour: now.getHours(), category };
  // Rank the whole pool: later pages of an infinite scroll are slices of this one ranking.
  try {
    const config = { ...deps.rankingConfig, ...(await rankingConfigForVersion(deps.db, modelVersion)), limit: pool.length };
    const profile = await loadReaderProfile(deps.db, deps.pool, readerId, deps.encoderVersion());
    const items = rankCandidates({ ...profile, categoryCentroids: deps.pool.centroids() }, pool, context, config);
    return { readerId, modelVersion, fallback: false, items, createdAt: Date.now() };
  } catch (err) {
    // A reader never sees a 500 for the feed: rank by freshness and popularity, and say so in the log.
    deps.log.error('ranking failed; serving freshness + popularity', { readerId, err });
    const items = rankByFreshnessPopularity(pool, context, { ...deps.rankingConfig, limit: pool.length });
    return { readerId, modelVersion, fallback: true, items, createdAt: Date.now() };
  }
}
