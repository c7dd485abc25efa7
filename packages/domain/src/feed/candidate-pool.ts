import { type Db } from '@lede/db';
import { bytesToVector, type CandidateArticle, countRecentReaders, prepareCandidates, type PreparedCandidates } from '@lede/ranking';

import { type ChangeSignal } from '../newsroom/editorial-changes';
import { createLogger } from '../shared/logger';
import { DAY_MS } from '../shared/time';

export interface PoolArticle extends CandidateArticle {
  title: string;
  abstract: string;
  source: string;
  url: string | null;
  imageUrl: string | null;
  subcategory: string | null;
  updatedAt: Date;
}

export type PreparedPool = PreparedCandidates<PoolArticle>;

export interface CandidatePoolOptions {
  days: number;
  size: number;
  refreshMs: number;
  /**
   * Vectors of this encoder version are attached to candidates; null before any encoder has run. Asked on
   * every refresh, so a switch of the serving encoder reaches the pool without a restart.
   */
  encoderVersion: () => string | null | Promise<string | null>;
  /** Editorial changes from any process: each one refreshes the pool at once (in the background). */
  changes?: ChangeSignal;
  now?: () => Date;
}

const log = createLogger('candidate-pool');
const articleSelect = {
  id: true, title: true, abstract: true, source: true, url: true, imageUrl: true, category: true, subcategory: true,
  publishedAt: true, updatedAt: true, status: true, pinnedUntil: true, boost: true,
} as const;

/**
 * The fresh candidate pool, held in memory so a feed request does no article or vector queries. The first
 * call loads it; later calls return at once and refresh in the background (new and changed articles only,
 * plus popularity counts) once `refreshMs` has passed.
 */
export class CandidatePool {
  private articles = new Map<string, PoolArticle>();
  private ready: PreparedPool = prepareCandidates<PoolArticle>([]);
  private syncedUpTo = new Date(0);
  private loadedAt = 0;
  private vectorsOf: string | null = null;
  private inflight: Promise<void> | null = null;
  private categoryCentroids = new Map<string, Float32Array>();

  /** Stops watching for editorial changes. */
  readonly stopWatching: () => void;

  constructor(
    private readonly db: Db,
    private readonly opts: CandidatePoolOptions,
  ) {
    // Before the first load there is nothing stale to refresh.
    this.stopWatching = opts.changes?.watch(() => (this.loadedAt ? this.refresh() : Promise.resolve())) ?? (() => undefined);
  }

  async list(): Promise<readonly PoolArticle[]> {
    return (await this.prepared()).items;
  }

  /**
   * The pool made ready for ranking (unit vectors, popularity direction). A new object only when the content
   * changed (articles in or out, edits, vectors, popularity counts), so a ranking made from the same object
   * is still valid.
   */
  async prepared(): Promise<PreparedPool> {
    if (this.loadedAt === 0) await this.refresh();
    else if (Date.now() - this.loadedAt > this.opts.refreshMs) void this.refresh().catch((err: unknown) => log.error('refresh failed', { err }));
    return this.ready;
  }


  /** The pool as last loaded, without a refresh (empty before the first load): the feed's fallback. */
  current(): PreparedPool {
    return this.ready;
  }

  /** Mean article vector per category: the cold-start stand-in for a reader's onboarding interests. */
  centroids(): ReadonlyMap<string, Float32Array> {
    return this.categoryCentroids;
  }

  get(id: string): PoolArticle | undefined {
    return this.articles.get(id);
  }

  /** The encoder version of the vectors in the pool: rank reader history against the same version. */
  vectorVersion(): string | null {
    return this.vectorsOf;
  }

  /** Drops everything so the next call reloads (after an import, an editorial change, an encoder switch). */
  invalidate(): void {
    this.loadedAt = 0;
    this.syncedUpTo = new Date(0);
    this.articles.clear();
  }

  refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async load(): Promise<void> {
    const now = this.opts.now?.() ?? new Date();
    const since = new Date(now.getTime() - this.opts.days * DAY_MS);
    const encoderVersion = await this.opts.encoderVersion();
    // A new encoder version reloads every vector (a full load) rather than mixing two vector spaces.
    if (encoderVersion !== this.vectorsOf) this.syncedUpTo = new Date(0);
    const full = this.syncedUpTo.getTime() === 0;
    const changed = await this.db.article.findMany({
      where: { publishedAt: { gte: since }, ...(full ? {} : { updatedAt: { gt: this.syncedUpTo } }) },
      select: articleSelect,
      orderBy: { publishedAt: 'desc' },
      take: this.opts.size,
    });
    const next = full ? new Map<string, PoolArticle>() : new Map(this.articles);
    const needVectors = new Set<string>();
    for (const a of changed) {
      if (a.status !== 'PUBLISHED') {
        next.delete(a.id);
        continue;
      }
      const prev = next.get(a.id);
      next.set(a.id, {
        id: a.id, title: a.title, abstract: a.abstract, source: a.source, url: a.url, imageUrl: a.imageUrl, category: a.category,
        subcategory: a.subcategory, publishedAt: a.publishedAt, updatedAt: a.updatedAt,
        editorial: { pinnedUntil: a.pinnedUntil, boost: a.boost },
        popularity: prev?.popularity ?? { clicks: 0, impressions: 0 },
        vector: prev?.vector ?? null,
      });
    }
    for (const [id, a] of next) if (a.publishedAt < since) next.delete(id);
    // New articles, and those that got their vector after they entered the pool.
    for (const a of next.values()) if (!a.vector) needVectors.add(a.id);
    const attached = encoderVersion ? await this.attachVectors(next, [...needVectors], encoderVersion) : 0;
    await this.attachPopularity(next, now);
    const articles = trimToSize(next, this.opts.size);
    if (full || changed.length || attached || !samePopularity(this.articles, articles) || articles.size !== this.articles.size) {
      this.articles = articles;
      this.ready = prepareCandidates([...articles.values()]);
      this.categoryCentroids = computeCentroids(articles.values());
    }
    this.vectorsOf = encoderVersion;
    for (const a of changed) if (a.updatedAt > this.syncedUpTo) this.syncedUpTo = a.updatedAt;
    this.loadedAt = Date.now();
  }

  /** Returns how many articles got a vector. */
  private async attachVectors(pool: Map<string, PoolArticle>, ids: string[], encoderVersion: string): Promise<number> {
    let attached = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.articleVector.findMany({
        where: { encoderVersion, articleId: { in: ids.slice(i, i + 500) } },
        select: { articleId: true, vector: true },
      });
      for (const r of rows) {
        const a = pool.get(r.articleId);
        if (!a) continue;
        pool.set(a.id, { ...a, vector: bytesToVector(r.vector) });
        attached++;
      }
    }
    return attached;
  }

  /**
   * Popularity decays in two steps: the last 24 h count fully, the two days before at half weight. It counts
   * distinct readers, not events: one reader (or one script replaying beacons) moves an article by one at
   * most per window, and only feed clicks count (a click with a request id answers a card the server served;
   * a bare click names any article).
   */
  private async attachPopularity(pool: Map<string, PoolArticle>, now: Date) {
    const day = new Date(now.getTime() - DAY_MS);
    const threeDays = new Date(now.getTime() - 3 * DAY_MS);
    const recent = { gte: day };
    const before = { gte: threeDays, lt: day };
    const week = new Date(now.getTime() - 7 * DAY_MS);
    const readersOf = (rows: { articleId: string }[]) => {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(r.articleId, (counts.get(r.articleId) ?? 0) + 1);
      return counts;
    };
    const clicks = { type: 'CLICK' as const, requestId: { not: null } };
    const [imp1, imp3, clk1, clk3, readers] = await Promise.all([
      this.db.impression.groupBy({ by: ['articleId', 'userId'], where: { createdAt: recent } }).then(readersOf),
      this.db.impression.groupBy({ by: ['articleId', 'userId'], where: { createdAt: before } }).then(readersOf),
      this.db.readerEvent.groupBy({ by: ['articleId', 'userId'], where: { ...clicks, createdAt: recent } }).then(readersOf),
      this.db.readerEvent.groupBy({ by: ['articleId', 'userId'], where: { ...clicks, createdAt: before } }).then(readersOf),
      // A reader's latest click per article: a reader counts in a window exactly when that click falls in it.
      this.db.readerEvent.groupBy({ by: ['articleId', 'userId'], where: { ...clicks, createdAt: { gte: week, lte: now } }, _max: { createdAt: true } }),
    ]);
    const latest = new Map<string, { time: Date; reader: string }[]>();
    for (const r of readers) {
      if (!r._max.createdAt) continue;
      const list = latest.get(r.articleId) ?? [];
      list.push({ time: r._max.createdAt, reader: r.userId });
      latest.set(r.articleId, list);
    }
    // New objects rather than in-place updates: the current pool keeps serving its counts until it is replaced.
    for (const [id, a] of pool) pool.set(id, { ...a, popularity: { clicks: 0, impressions: 0, readers: countRecentReaders(latest.get(id) ?? [], now) } });
    const add = (counts: Map<string, number>, key: 'clicks' | 'impressions', w: number) => {
      for (const [articleId, readers] of counts) {
        const a = pool.get(articleId);
        if (a) a.popularity[key] += w * readers;
      }
    };
    add(imp1, 'impressions', 1);
    add(imp3, 'impressions', 0.5);
    add(clk1, 'clicks', 1);
    add(clk3, 'clicks', 0.5);
  }
}

function samePopularity(before: Map<string, PoolArticle>, after: Map<string, PoolArticle>): boolean {
  for (const [id, a] of after) {
    const b = before.get(id)?.popularity;
    if (!b || b.clicks !== a.popularity.clicks || b.impressions !== a.popularity.impressions) return false;
    const [x, y] = [b.readers, a.popularity.readers];
    if (x?.hour !== y?.hour || x?.day !== y?.day || x?.week !== y?.week) return false;
  }
  return true;
}

function trimToSize(pool: Map<string, PoolArticle>, size: number): Map<string, PoolArticle> {
  if (pool.size <= size) return pool;
  const newest = [...pool.values()].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, size);
  return new Map(newest.map((a) => [a.id, a]));
}

function computeCentroids(articles: Iterable<PoolArticle>): Map<string, Float32Array> {
  const sums = new Map<string, Float32Array>();
  for (const a of articles) {
    if (!a.vector) continue;
    let sum = sums.get(a.category);
    if (!sum) sums.set(a.category, (sum = new Float32Array(a.vector.length)));
    for (let i = 0; i < sum.length; i++) sum[i]! += a.vector[i]!;
  }
  for (const sum of sums.values()) {
    const norm = Math.hypot(...sum) || 1;
    for (let i = 0; i < sum.length; i++) sum[i]! /= norm;
  }
  return sums;
}
