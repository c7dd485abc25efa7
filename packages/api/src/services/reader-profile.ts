import { type Db } from '@lede/db';
import { bytesToVector, type HistoryItem, type ReaderProfile } from '@lede/ranking';

import { apiEnv } from '../env';
import type { CandidatePool } from './candidate-pool';

const HISTORY_LIMIT = 50;
const stateKey = Symbol.for('lede.readerGenerations');
const SEEN_LIMIT = 1000;

/** A reader profile plus the titles of the articles in it ("because you read …" without another query). */
export interface LoadedProfile extends ReaderProfile {
  titles: ReadonlyMap<string, string>;
}

/**
 * Process-wide, not module-wide: a bundler may give the API's modules one copy per route (Next.js server
 * components and route handlers), and a click stored through one copy must reach the caches of all.
 */
const state = ((globalThis as { [stateKey]?: { epoch: number; generations: Map<string, number> } })[stateKey] ??= {
  epoch: 0,
  generations: new Map(),
});

/**
 * Says that what ranking knows of these readers changed (a click, "not interested", interests, an account
 * merge or deletion): cached profiles and rankings of theirs are stale from now on, in this process.
 * Other processes see the change when their caches expire (`PROFILE_TTL_MS`).
 */
export function readerChanged(...readerIds: string[]): void {
  if (state.generations.size > 100_000) {
    state.generations.clear();
    state.epoch++;
  }
  for (const id of readerIds) state.generations.set(id, (state.generations.get(id) ?? 0) + 1);
}

/** Changes whenever `readerChanged(readerId)` is called: a cache entry made under another stamp is stale. */
export function readerStamp(readerId: string): string {
  return `${state.epoch}.${state.generations.get(readerId) ?? 0}`;
}

/** How long a cached profile (and a ranking made from it) may serve: the bound on staleness across processes. */
export const PROFILE_TTL_MS = apiEnv.LEDE_READER_CACHE_S * 1000;
/** A profile holds up to 50 history vectors (2 KB each at 512 dimensions): this bounds the cache near 100 MB. */
const MAX_PROFILES = 1_000;

/**
 * Reader profiles by reader and encoder version, loaded once and reused until the reader changes
 * (`readerChanged`), the encoder version changes, or `PROFILE_TTL_MS` (LEDE_READER_CACHE_S) passes. A feed request of an
 * unchanged reader then runs no profile queries.
 */
export class ReaderProfileCache {
  private entries = new Map<string, { stamp: string; encoderVersion: string | null; at: number; profile: Promise<LoadedProfile> }>();

  constructor(
    private readonly db: Db,
    private readonly pool: CandidatePool,
  ) {}

  get(readerId: string, encoderVersion: string | null): Promise<LoadedProfile> {
    const stamp = readerStamp(readerId);
    const hit = this.entries.get(readerId);
    if (hit && hit.stamp === stamp && hit.encoderVersion === encoderVersion && Date.now() - hit.at < PROFILE_TTL_MS) return hit.profile;
    const profile = loadReaderProfile(this.db, this.pool, readerId, encoderVersion);
    this.entries.delete(readerId);
    this.entries.set(readerId, { stamp, encoderVersion, at: Date.now(), profile });
    // A failed load is not remembered.
    profile.catch(() => this.entries.get(readerId)?.profile === profile && this.entries.delete(readerId));
    if (this.entries.size > MAX_PROFILES) this.entries.delete(this.entries.keys().next().value!);
    return profile;
  }
}

/** Everything ranking needs to know about one reader, from the click log and their onboarding interests. */
export async function loadReaderProfile(db: Db, pool: CandidatePool, readerId: string, encoderVersion: string | null): Promise<LoadedProfile> {
  const [user, clicks, feedback] = await Promise.all([
    db.user.findUnique({ where: { id: readerId }, select: { interests: true } }),
    db.readerEvent.findMany({
      where: { userId: readerId, type: 'CLICK' },
      orderBy: { createdAt: 'desc' },
      take: SEEN_LIMIT,
      select: { articleId: true, createdAt: true, article: { select: { category: true, title: true } } },
    }),
    db.readerEvent.findMany({
      where: { userId: readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] } },
      orderBy: { createdAt: 'asc' },
      select: { articleId: true, type: true, article: { select: { category: true } } },
    }),
  ]);

  const history: HistoryItem[] = [];
  const titles = new Map<string, string>();
  for (const c of clicks) {
    if (history.length >= HISTORY_LIMIT) break;
    if (titles.has(c.articleId)) continue;
    titles.set(c.articleId, c.article.title);
    history.push({ articleId: c.articleId, category: c.article.category, clickedAt: c.createdAt, vector: pool.get(c.articleId)?.vector ?? null });
  }

  // The last word wins: "not interested" followed by an undo cancels out.
  const muted = new Map<string, string>();
  for (const f of feedback) {
    if (f.type === 'NOT_INTERESTED') muted.set(f.articleId, f.article.category);
    else muted.delete(f.articleId);
  }
  const notInterested = [...muted].map(([articleId, category]) => ({ articleId, category, vector: pool.get(articleId)?.vector ?? null }));

  // History older than the pool window still shapes the user vector: fetch those vectors once.
  if (encoderVersion) {
    const missing = [...history, ...notInterested].filter((h) => !h.vector).map((h) => h.articleId);
    if (missing.length) {
      const rows = await db.articleVector.findMany({
        where: { encoderVersion, articleId: { in: missing } },
        select: { articleId: true, vector: true },
      });
      const byId = new Map(rows.map((r) => [r.articleId, bytesToVector(r.vector)]));
      for (const h of [...history, ...notInterested]) h.vector ??= byId.get(h.articleId) ?? null;
    }
  }

  return {
    titles,
    interests: parseInterests(user?.interests),
    history,
    notInterested,
    seen: new Set([...clicks.map((c) => c.articleId), ...muted.keys()]),
  };
}

export function parseInterests(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
