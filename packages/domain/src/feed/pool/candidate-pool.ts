import { type Db } from '@lede/db';
import { bytesToVector, type CandidateArticle, normalizeVector } from '@lede/ranking';
import {
  CandidateIndex,
  defaultRetrievalBudget,
  type RetrievalBudget,
  type Retrieved,
  type RetrievalQuery,
  UsearchIndex,
  type VectorIndex,
} from '@lede/ranking/retrieval';

import { type ChangeSignal } from '../../newsroom/editorial/editorial-changes';
import { readEntityIds } from '../../shared/entity-ids';
import { createLogger } from '../../shared/logger';
import { DAY_MS } from '../../shared/time';
import { attachPopularity, noPopularity } from './popularity';

export interface PoolArticle extends CandidateArticle {
  title: string;
  abstract: string;
  source: string;
  url: string | null;
  imageUrl: string | null;
  subcategory: string | null;
  updatedAt: Date;
}

/**
 * What a ranking was made from: replaced whenever the window's content changes (articles in or out, edits,
 * vectors, popularity counts), so a cached ranking made from the same object is still valid.
 */
export interface PoolSnapshot {
  readonly size: number;
  /**
   * What a cached ranking must reflect at once: replaced by a full reload and by an editorial decision (a pin,
   * a boost, a story hidden or unpublished), not by what moves with the clock (arrivals, expiries, popularity
   * counts, new vectors), which a cached ranking may miss for `LEDE_READER_CACHE_S`. At a publisher's scale the
   * window changes on every refresh; were each change to drop every cached ranking, none would outlive a refresh.
   */
  readonly generation: object;
  retrieve(query: RetrievalQuery): Retrieved<PoolArticle>;
  popularityDirection(): Float32Array | null;
}

export interface CandidatePoolOptions {
  days: number;
  /** A memory cap, not a cut of the window: the newest this many articles of the window are held. */
  size: number;
  refreshMs: number;
  /**
   * Vectors of this encoder version are attached to candidates; null before any encoder has run. Asked on
   * every refresh, so a switch of the serving encoder reaches the pool without a restart.
   */
  encoderVersion: () => string | null | Promise<string | null>;
  /** The vector index behind retrieval (usearch i8 by default; `ExactIndex` for exact evaluation). */
  createIndex?: (dims: number) => VectorIndex;
  retrievalBudget?: Partial<RetrievalBudget>;
  /**
   * Article changes from any process (editorial decisions, imports, new vectors): each one refreshes the pool
   * at once, in the background (`createArticleChangeSignal`).
   */
  changes?: ChangeSignal;
  now?: () => Date;
}

const log = createLogger('candidate-pool');
const articleSelect = {
  id: true, title: true, abstract: true, source: true, url: true, imageUrl: true, category: true, subcategory: true,
  publishedAt: true, updatedAt: true, status: true, pinnedUntil: true, boost: true, entities: true,
} as const;
/** A full load yields to other work (requests) after each chunk of this many articles. */
const LOAD_CHUNK = 2_000;

/**
 * The freshness window, held in memory so a feed request does no article or vector queries: every article
 * published in the last `days` (up to the `size` memory cap) with its unit vector and time-decayed
 * popularity, and the retrieval index over them (`CandidateIndex`). The first call loads it; later calls
 * return at once and refresh in the background once `refreshMs` has passed, applying only what changed.
 */
export class CandidatePool {
  private index: CandidateIndex<PoolArticle>;
  private snapshot: PoolSnapshot;
  private syncedUpTo = new Date(0);
  private loadedAt = 0;
  private vectorsOf: string | null = null;
  private inflight: Promise<void> | null = null;
  private missingVectors = new Set<string>();
  private popular = { ids: new Set<string>() };
  /**
   * Set when the last full load hit the memory cap: the publication time of the oldest article it held. An
   * incremental refresh reads by `updatedAt`, which says nothing of age, so it leaves out articles older than
   * this: the pool stays the newest `size` of the window instead of growing past the cap and reloading in full.
   */
  private capFloor: Date | null = null;
  private retrievals = { requests: 0, candidates: 0 };
  private generation: object = {};

  /** Stops watching for article changes. */
  readonly stopWatching: () => void;

  constructor(
    private readonly db: Db,
    private readonly opts: CandidatePoolOptions,
  ) {
    this.index = this.createCandidateIndex();
    this.snapshot = this.takeSnapshot();
    // Before the first load there is nothing stale to refresh.
    this.stopWatching = opts.changes?.watch(() => (this.loadedAt ? this.refreshAfterInflight() : Promise.resolve())) ?? (() => undefined);
  }

  /** Every article of the window (one array per change): for search, related stories and the tabs. */
  async list(): Promise<readonly PoolArticle[]> {
    await this.prepared();
    return this.index.items();
  }

  /** Articles per category in the window (the feed's tabs), counted once per change. */
  async categoryCounts(): Promise<ReadonlyMap<string, number>> {
    await this.prepared();
    return this.index.categoryCounts();
  }

  /**
   * The window made ready for retrieval and ranking; a new object only when its content changed (articles in
   * or out, edits, vectors, popularity counts), so a ranking made from the same object is still valid.
   */
  async prepared(): Promise<PoolSnapshot> {
    if (this.loadedAt === 0) await this.refresh();
    else if (Date.now() - this.loadedAt > this.opts.refreshMs) void this.refresh().catch((err: unknown) => log.error('refresh failed', { err }));
    return this.snapshot;
  }

  /** The window as last loaded, without a refresh (empty before the first load): the feed's fallback. */
  current(): PoolSnapshot {
    return this.snapshot;
  }

  /** Whether the window was loaded once (a pool nobody asked for has nothing to refresh). */
  isLoaded(): boolean {
    return this.loadedAt > 0;
  }

  /** Mean article vector per category: the cold-start stand-in for a reader's onboarding interests. */
  centroids(): ReadonlyMap<string, Float32Array> {
    return this.index.centroids();
  }

  get(id: string): PoolArticle | undefined {
    return this.index.get(id);
  }

  /** The encoder version of the vectors in the pool: rank reader history against the same version. */
  vectorVersion(): string | null {
    return this.vectorsOf;
  }

  /** Makes the next refresh a full reload (after an import, an editorial change, an encoder switch). */
  invalidate(): void {
    this.loadedAt = 0;
    this.syncedUpTo = new Date(0);
  }

  refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /**
   * Picks up a change another process announced (an editorial decision, an import): a refresh now, or right
   * after the one in flight, which may have read the articles before the change was committed.
   */
  refreshSoon(): void {
    void this.refreshAfterInflight().catch((err: unknown) => log.error('refresh failed', { err }));
  }

  private refreshAfterInflight(): Promise<void> {
    const after = this.inflight;
    return after ? after.catch(() => undefined).then(() => this.refresh()) : this.refresh();
  }

  private createCandidateIndex() {
    return new CandidateIndex<PoolArticle>(this.opts.createIndex ?? ((dims) => new UsearchIndex(dims)), { ...defaultRetrievalBudget, ...this.opts.retrievalBudget });
  }

  private takeSnapshot(): PoolSnapshot {
    const index = this.index;
    const retrieve = (query: RetrievalQuery) => {
      const found = index.retrieve(query);
      this.retrievals.requests++;
      this.retrievals.candidates += found.items.length;
      return found;
    };
    return { size: index.size, generation: this.generation, retrieve, popularityDirection: () => index.popularityDirection() };
  }

  /** Articles in the window, and the mean number of candidates retrieved per ranking so far (benchmarks). */
  retrievalStats(): { pool: number; retrieved: number } {
    const { requests, candidates } = this.retrievals;
    return { pool: this.index.size, retrieved: requests ? Math.round(candidates / requests) : 0 };
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const now = this.opts.now?.() ?? new Date();
    const since = new Date(now.getTime() - this.opts.days * DAY_MS);
    const encoderVersion = await this.opts.encoderVersion();
    // A new encoder version reloads every vector (a full load) rather than mixing two vector spaces; so does
    // a window grown past the memory cap by arrivals.
    if (encoderVersion !== this.vectorsOf || this.index.size > this.opts.size * 1.1) this.syncedUpTo = new Date(0);
    const full = this.syncedUpTo.getTime() === 0;
    const floor = !full && this.capFloor && this.capFloor > since ? this.capFloor : since;
    const changed = await this.db.article.findMany({
      where: { publishedAt: { gte: floor }, ...(full ? {} : { updatedAt: { gt: this.syncedUpTo } }) },
      select: articleSelect,
      orderBy: { publishedAt: 'desc' },
      take: this.opts.size,
    });
    // A full load builds a new index beside the serving one and swaps it in when done.
    const index = full ? this.createCandidateIndex() : this.index;
    const missing = full ? new Set<string>() : this.missingVectors;
    let n = 0;
    let editorial = full;
    for (const a of changed) {
      editorial ||= editorialChange(this.index.get(a.id), a, now);
      if (a.status !== 'PUBLISHED') {
        index.remove(a.id);
        missing.delete(a.id);
        continue;
      }
      const prev = (full ? undefined : index.get(a.id)) ?? this.index.get(a.id);
      const vector = prev && this.vectorsOf === encoderVersion ? prev.vector : null;
      index.upsert({
        id: a.id, title: a.title, abstract: a.abstract, source: a.source, url: a.url, imageUrl: a.imageUrl, category: a.category,
        subcategory: a.subcategory, publishedAt: a.publishedAt, updatedAt: a.updatedAt, entities: readEntityIds(a.entities),
        editorial: { pinnedUntil: a.pinnedUntil, boost: a.boost },
        popularity: prev?.popularity ?? noPopularity(),
        vector: vector ?? null,
      });
      if (!vector) missing.add(a.id);
      if (full && ++n % LOAD_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const expired = index.expireBefore(since);
    for (const id of expired) missing.delete(id);
    const attached = encoderVersion ? await this.attachVectors(index, missing, encoderVersion) : 0;
    const popularityMoved = await attachPopularity(this.db, index, now, this.popular);
    if (full || changed.length || expired.length || attached || popularityMoved) {
      index.settle();
      if (full) log.info('window loaded', { articles: index.size, withVectors: index.size - missing.size, ms: Date.now() - started });
      this.index = index;
      this.missingVectors = missing;
      if (editorial) this.generation = {};
      this.snapshot = this.takeSnapshot();
    }
    if (full) this.capFloor = changed.length >= this.opts.size ? (changed.at(-1)?.publishedAt ?? null) : null;
    this.vectorsOf = encoderVersion;
    for (const a of changed) if (a.updatedAt > this.syncedUpTo) this.syncedUpTo = a.updatedAt;
    this.loadedAt = Date.now();
  }

  /** Returns how many articles got a vector (stored unit-length: ranking and the index need no other copy). */
  private async attachVectors(index: CandidateIndex<PoolArticle>, missing: Set<string>, encoderVersion: string): Promise<number> {
    const ids = [...missing];
    let attached = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.articleVector.findMany({
        where: { encoderVersion, articleId: { in: ids.slice(i, i + 500) } },
        select: { articleId: true, vector: true },
      });
      const updated: PoolArticle[] = [];
      for (const r of rows) {
        const a = index.get(r.articleId);
        const vector = a && normalizeVector(bytesToVector(r.vector));
        if (!a || !vector) continue;
        updated.push({ ...a, vector });
        missing.delete(a.id);
      }
      index.upsertMany(updated);
      attached += updated.length;
    }
    return attached;
  }
}

/** Whether an article read by a refresh changes what rankings must show now: out of the window, or newly pinned or boosted. */
function editorialChange(held: PoolArticle | undefined, row: { status: string; pinnedUntil: Date | null; boost: number }, now: Date): boolean {
  if (!held) return row.status === 'PUBLISHED' && ((row.pinnedUntil !== null && row.pinnedUntil > now) || row.boost !== 1);
  return row.status !== 'PUBLISHED' || held.editorial.pinnedUntil?.getTime() !== row.pinnedUntil?.getTime() || held.editorial.boost !== row.boost;
}
