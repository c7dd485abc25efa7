import { type Db } from '@lede/db';
import { bytesToVector, type HistoryItem, type ReaderProfile } from '@lede/ranking';

import { PROFILE_TTL_MS, StampedCache } from '../shared/caches';
import type { CandidatePool } from './candidate-pool';

// The reader caches' mechanism moved to shared/caches.ts; re-exported for the modules that import it from here.
export { PROFILE_TTL_MS, StampedCache };

const HISTORY_LIMIT = 50;
const stateKey = Symbol.for('lede.readerGenerations');
const SEEN_LIMIT = 1000;
/**
 * "Not interested" stories ranking reads per reader (the latest), and feedback events kept per reader. Each muted
 * story costs one similarity per candidate per ranking (3,000 × muted dot products), so an unbounded list let
 * one reader burn the server's CPU; a real reader mutes a few dozen at most.
 */
export const MUTED_LIMIT = 100;
export const FEEDBACK_KEPT = 2 * MUTED_LIMIT;

/** A reader profile plus the titles of the articles in it ("because you read …" without another query). */
export interface LoadedProfile extends ReaderProfile {
  titles: ReadonlyMap<string, string>;
  /** Articles the reader opened (up to 1,000): the feed lists them below the unread ones, marked read. */
  read: ReadonlySet<string>;
  /** Sections the reader hid: left out of "For you" (their own tab still lists them). */
  hiddenSections: string[];
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

/**
 * Reader profiles by reader and encoder version, loaded once and reused until the reader changes
 * (`readerChanged`), the encoder version changes, or `PROFILE_TTL_MS` (LEDE_READER_CACHE_S) passes. A feed
 * request of an unchanged reader then runs no profile queries.
 */
export class ReaderProfileCache {
  /** A profile holds up to 50 history vectors (2 KB each at 512 dimensions): 1,000 bound the cache near 100 MB. */
  private profiles = new StampedCache<Promise<LoadedProfile>>(1_000);

  constructor(
    private readonly db: Db,
    private readonly pool: CandidatePool,
  ) {}

  get(readerId: string, encoderVersion: string | null): Promise<LoadedProfile> {
    const deps = [readerStamp(readerId), encoderVersion];
    const cached = this.profiles.get(readerId, deps);
    if (cached) return cached;
    const profile = loadReaderProfile(this.db, this.pool, readerId, encoderVersion);
    this.profiles.set(readerId, deps, profile);
    profile.catch(() => this.profiles.forget(readerId, profile));
    return profile;
  }
}

/** Everything ranking needs to know about one reader, from the click log and their onboarding interests. */
export async function loadReaderProfile(db: Db, pool: CandidatePool, readerId: string, encoderVersion: string | null): Promise<LoadedProfile> {
  const [user, clicks, feedback] = await Promise.all([
    db.user.findUnique({ where: { id: readerId }, select: { interests: true, hiddenSections: true } }),
    db.readerEvent.findMany({
      where: { userId: readerId, type: 'CLICK' },
      orderBy: { createdAt: 'desc' },
      take: SEEN_LIMIT,
      select: {
        articleId: true,
        createdAt: true,
        article: { select: { category: true, subcategory: true, title: true, abstract: true, publishedAt: true } },
      },
    }),
    loadMuted(db, readerId),
  ]);

  const history: HistoryItem[] = [];
  const titles = new Map<string, string>();
  for (const c of clicks) {
    if (history.length >= HISTORY_LIMIT) break;
    if (titles.has(c.articleId)) continue;
    titles.set(c.articleId, c.article.title);
    const a = c.article;
    history.push({
      articleId: c.articleId,
      category: a.category,
      subcategory: a.subcategory,
      text: `${a.title} ${a.abstract}`,
      publishedAt: a.publishedAt,
      clickedAt: c.createdAt,
      vector: pool.get(c.articleId)?.vector ?? null,
    });
  }

  const muted = feedback;
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
    hiddenSections: parseInterests(user?.hiddenSections),
    read: new Set(clicks.map((c) => c.articleId)),
    history,
    notInterested,
    seen: new Set([...clicks.map((c) => c.articleId), ...muted.keys()]),
  };
}

/**
 * The reader's muted stories (id → category), from their latest FEEDBACK_KEPT feedback events, at most
 * MUTED_LIMIT of them, the latest first kept. The last word wins: "not interested" then undo cancels out.
 */
export async function loadMuted(db: Db, readerId: string, since?: Date): Promise<Map<string, string>> {
  const feedback = await db.readerEvent.findMany({
    where: { userId: readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] }, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: FEEDBACK_KEPT,
    select: { articleId: true, type: true, article: { select: { category: true } } },
  });
  const muted = new Map<string, string>();
  for (const f of feedback.reverse()) {
    muted.delete(f.articleId);
    if (f.type === 'NOT_INTERESTED') muted.set(f.articleId, f.article.category);
  }
  return new Map([...muted].slice(-MUTED_LIMIT));
}

/** A JSON list of section names (User.interests, User.hiddenSections). */
export function parseInterests(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
