import { type Db } from '@lede/db';
import { bytesToVector, type HistoryItem, type ReaderProfile } from '@lede/ranking';

import { apiEnv } from '../shared/env';
import type { CandidatePool } from './candidate-pool';
import { CHANGE_CHANNELS, changeBus } from '../shared/change-bus';

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
const state = ((globalThis as { [stateKey]?: { epoch: number; generations: Map<string, number>; listening: boolean } })[stateKey] ??= {
  epoch: 0,
  generations: new Map<string, number>(),
  listening: false,
});

function bumpReaders(readerIds: readonly string[]) {
  if (state.generations.size > 100_000) {
    state.generations.clear();
    state.epoch++;
  }
  for (const id of readerIds) state.generations.set(id, (state.generations.get(id) ?? 0) + 1);
}

/** This process's stamps follow every process's changes (the change bus; Redis pub/sub when REDIS_URL is set). */
function listenForReaderChanges() {
  if (state.listening) return;
  state.listening = true;
  changeBus().subscribe(CHANGE_CHANNELS.readers, (message) => bumpReaders(message.split(',').filter(Boolean)));
}

/**
 * Says that what ranking knows of these readers changed (a click, "not interested", interests, an account
 * merge or deletion): cached profiles and rankings of theirs are stale from now on, in this process at once
 * and in the others as the change bus delivers (milliseconds on Redis; `PROFILE_TTL_MS` bounds it if a
 * message is lost).
 */
export function readerChanged(...readerIds: string[]): void {
  listenForReaderChanges();
  changeBus().publish(CHANGE_CHANNELS.readers, readerIds.join(','));
}

/** Changes whenever `readerChanged(readerId)` is called: a cache entry made under another stamp is stale. */
export function readerStamp(readerId: string): string {
  listenForReaderChanges();
  return `${state.epoch}.${state.generations.get(readerId) ?? 0}`;
}

/** How long a cached profile (and a ranking made from it) may serve: the bound on staleness across processes. */
export const PROFILE_TTL_MS = apiEnv.LEDE_READER_CACHE_S * 1000;

/**
 * The reader caches' one mechanism: a value per key, valid while what it was made from is unchanged (`deps`,
 * compared with ===, usually led by the reader's `readerStamp`) and for at most `PROFILE_TTL_MS`; past `max`
 * entries the least recently stored goes.
 */
export class StampedCache<V> {
  private entries = new Map<string, { deps: readonly unknown[]; at: number; value: V }>();

  constructor(private readonly max: number) {}

  get(key: string, deps: readonly unknown[]): V | undefined {
    const hit = this.entries.get(key);
    const fresh = hit && Date.now() - hit.at < PROFILE_TTL_MS && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i]);
    return fresh ? hit.value : undefined;
  }

  set(key: string, deps: readonly unknown[], value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { deps, at: Date.now(), value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops `key` if it still holds `value` (a failed load must not be served). */
  forget(key: string, value: V): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
  }
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
