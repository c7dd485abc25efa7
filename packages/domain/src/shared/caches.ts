import { apiEnv } from './env';

/**
 * In-memory state of an API process, in one list (each entry is documented where it lives):
 * - feed/profile/reader-changes.ts: reader stamps, profile stamps and the clicks not yet in a cached profile (`state`,
 *   on globalThis so every bundled copy shares them; fed by `readerChanged`/`readerClicked` through the change
 *   bus, whose `readers` and `clicks` channels it subscribes to once per process);
 * - feed/profile/reader-profile.ts: `ReaderProfileCache` (a StampedCache per feed; a click patches the cached profile);
 * - feed/pool/candidate-pool.ts: the freshness window held as a `CandidateIndex` per pool (usearch HNSW i8 vector
 *   index, per-category newest/popular lists and member keys (the exact category scan), the window's term
 *   statistics; memory capped by LEDE_POOL_SIZE),
 *   the pool snapshot handed to ranking, and retrieval counters (`retrievals`, benchmarks);
 * - feed/list.ts: rankings made and in progress (StampedCache of promises, `createRankingCache`) and rankings ahead
 *   of a reader's return after a click (`FeedDeps.ahead`, by reader, while scheduled or running); feed/session/requests.ts: ranked
 *   requests by id (`requests`, for paging and feed.why; 2,000 at most, a reader's latest 4, with `byReader`);
 *   feed/session/visits.ts: reader visits (`visits`: "new
 *   since" and the lastVisitAt write throttle);
 * - feed/session/served-log.ts: what each feed request served (`servedLog`: a day of cards, bounded; impressions and
 *   feed clicks are accepted only against it); with REDIS_URL also in Redis, feed/session/served-redis.ts: its
 *   connection (opened on first use) and whether Redis is away (`pausedUntil`, `down`: warned once per outage);
 * - feed/configure-feed.ts: the feed's dependencies per database (`depsByDb`: candidate pool, caches, router);
 * - readers/auth.ts: known anonymous readers (`knownReaders`, a StampedCache per database) and the dummy
 *   password hash that evens out sign-in timing (`dummyHash`);
 * - model-versions/traffic-split.ts: trained user models by version (`userModels`, never stale) and the versions
 *   warmed before the router serves them (`warmVersions`, never stale);
 * - model-versions/ranking-models.ts: compiled ranking models, the shipped default (`defaultModel`) and by
 *   version (`versionModels`, never stale; `loadingModels`: loads in flight);
 * - encoders/embed-articles.ts: loaded encoders by version (`encoders`);
 * - jobs/index.ts: the process's job queue; newsroom/imports/uploads.ts: the queue uploads use (tests swap it);
 * - shared/rate-limits.ts: the process's rate limiters (`shared`; in memory, or their Redis connection);
 * - shared/server-secret.ts: the key that signs reader ids (`secret`, read once);
 * - shared/change-bus.ts: the process's change bus (`changeBus`, on globalThis: handlers per channel and, with
 *   REDIS_URL, its publisher and subscriber connections);
 * - newsroom/editorial/editorial-changes.ts: each pool's `ChangeSignal` (its `articles` subscription and the change counter
 *   last seen);
 * - lab/simulator/index.ts: the last corpus read (`lastCorpus`, CLI only);
 * - packages/ranking encoder/manifest.ts: verified model files (`verified`); vector-math.ts: unit vectors by vector
 *   object (`units`, a WeakMap: `normalizeVectorOnce`); rank/reader-memo.ts: a history item's term counts
 *   (`historyTerms`, a WeakMap: a click adds one item to a profile, only its terms are counted); rank/rank.ts:
 *   ids of ranking models and user vectors for memo keys (`ids`, a WeakMap). All three go with their keys.
 *   (`ReaderMemo` itself lives for one request.) vector-dots.ts: the SIMD dot kernel's memory (`kernel`), scratch
 *   holding the vectors of the set in use, grown to the largest set used (MMR's window: ~0.4 MB at 512 dims).
 * Only reader-dependent entries need `readerChanged`; the rest are keyed by something that never changes
 * meaning (a version id, a database) or expire on their own.
 */

/** How long a cached profile (and a ranking made from it) may serve: the bound on staleness across processes. */
export const PROFILE_TTL_MS = apiEnv.LEDE_READER_CACHE_S * 1000;

/**
 * The reader caches' one mechanism: a value per key, valid while what it was made from is unchanged (`deps`,
 * compared with ===, usually led by the reader's `readerStamp`) and for at most `PROFILE_TTL_MS`; past `max`
 * entries the least recently stored goes.
 */
export class StampedCache<V> {
  private entries = new Map<string, { deps: readonly unknown[]; at: number; value: V }>();
  /** Lookups answered and not (benchmarks: whether a "cached" load was served from the cache). */
  readonly lookups = { hits: 0, misses: 0 };

  constructor(private readonly max: number) {}

  /** `counted`: false for a lookup that no request waits on (it stays out of `lookups`). */
  get(key: string, deps: readonly unknown[], counted = true): V | undefined {
    const hit = this.recent(key);
    const fresh = hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i]);
    if (counted) this.lookups[fresh ? 'hits' : 'misses']++;
    return fresh ? hit.value : undefined;
  }

  /** Whether `key` holds a value stored within `PROFILE_TTL_MS`, whatever it was made from. */
  has(key: string): boolean {
    return this.recent(key) !== undefined;
  }

  private recent(key: string) {
    const hit = this.entries.get(key);
    return hit && Date.now() - hit.at < PROFILE_TTL_MS ? hit : undefined;
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

  /** Replaces `key`'s value if it still holds `value`, keeping when and from what it was made. */
  replace(key: string, value: V, next: V): void {
    const hit = this.entries.get(key);
    if (hit?.value === value) hit.value = next;
  }
}
