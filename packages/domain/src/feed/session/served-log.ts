/**
 * What each feed request served, kept apart from the rankings: impressions and feed clicks are accepted only for
 * a (request, article, reader) triple in here. A ranking holds FEED_DEPTH items and is evicted within 30 min
 * under load; this log holds only the pages actually sent (article id, position, score: ~100 bytes a card), so
 * it keeps a day of them in tens of MB. Two levels: this process's memory, and with REDIS_URL every page also in
 * Redis (`served-redis.ts`), where any process looks up a card it did not serve itself, so clicks and
 * impressions may reach any reader process. A request found in neither (older than a day, served before a
 * restart without Redis, or by another process while Redis was away) gets no impressions: the cost is the few
 * beacons in flight then, against accepting any article a forged request claims.
 */
import { apiEnv } from '../../shared/env';
import { DAY_MS } from '../../shared/time';
import { RedisServedLog } from './served-redis';

export interface ServedItem {
  position: number;
  score: number;
  modelVersion: string;
}

export interface ServedCard {
  articleId: string;
  position: number;
  score: number;
}

/** The level every process shares (Redis). Unreachable, it records nothing and finds nothing, and never throws. */
export interface SharedServedLog {
  /** False when the request is another reader's (its first page was served to them). */
  record(requestId: string, readerId: string, modelVersion: string, page: readonly ServedCard[]): Promise<boolean>;
  find(requestId: string, readerId: string, articleIds: readonly string[]): Promise<Map<string, ServedItem>>;
  /** Every article the request served this reader. */
  cards(requestId: string, readerId: string): Promise<string[]>;
}

interface ServedRequest {
  readerId: string;
  modelVersion: string;
  createdAt: number;
  items: Map<string, { position: number; score: number }>;
}

export const SERVED_TTL_MS = DAY_MS;
/** ~100 bytes each: 300,000 cards ≈ 30 MB, a day of 1,000 readers scrolling 15 pages of 20. */
export const SERVED_MAX_ITEMS = 300_000;

export class ServedLog {
  private readonly requests = new Map<string, ServedRequest>();
  private items = 0;

  constructor(
    private readonly shared: SharedServedLog | null = null,
    private readonly maxItems = SERVED_MAX_ITEMS,
    private readonly ttlMs = SERVED_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Records a page of a request; a later page of the same request adds to it. Resolves once the shared level has
   * it too, so a click on the page, wherever it lands, finds it.
   */
  async record(requestId: string, readerId: string, modelVersion: string, page: readonly ServedCard[]): Promise<void> {
    if (this.ownedByAnother(requestId, readerId)) return;
    // Another process may have served this request to another reader: then this one must not hold it either.
    if (this.shared && !(await this.shared.record(requestId, readerId, modelVersion, page))) return;
    // (A page of the request for another reader may have been recorded while Redis answered.)
    if (this.ownedByAnother(requestId, readerId)) return;
    let req = this.live(requestId);
    if (!req) {
      this.drop(requestId);
      this.requests.set(requestId, (req = { readerId, modelVersion, createdAt: this.clock(), items: new Map() }));
    }
    for (const p of page) {
      if (!req.items.has(p.articleId)) this.items++;
      req.items.set(p.articleId, { position: p.position, score: p.score });
    }
    this.evict();
  }

  /**
   * What the request served this reader, by article, of `articleIds` (cards it did not serve them are absent).
   * Memory first; the cards it lacks (another process served them) from the shared level.
   */
  async find(requestId: string, readerId: string, articleIds: readonly string[]): Promise<Map<string, ServedItem>> {
    const found = new Map<string, ServedItem>();
    if (this.ownedByAnother(requestId, readerId)) return found;
    const req = this.live(requestId);
    const missing: string[] = [];
    for (const id of articleIds) {
      const item = req?.items.get(id);
      if (req && item) found.set(id, { ...item, modelVersion: req.modelVersion });
      else missing.push(id);
    }
    if (missing.length && this.shared) for (const [id, item] of await this.shared.find(requestId, readerId, missing)) found.set(id, item);
    return found;
  }

  /**
   * Every article the request served this reader, wherever it was served: a request ranked again (evicted here,
   * or its earlier pages served by another process) must not show them twice.
   */
  async cards(requestId: string, readerId: string): Promise<Set<string>> {
    if (this.ownedByAnother(requestId, readerId)) return new Set();
    const here = this.live(requestId)?.items.keys() ?? [];
    return new Set([...here, ...((await this.shared?.cards(requestId, readerId)) ?? [])]);
  }

  private ownedByAnother(requestId: string, readerId: string): boolean {
    const req = this.live(requestId);
    return req !== undefined && req.readerId !== readerId;
  }

  /** The request, unless it is older than the TTL (it may outlive it here until evicted). */
  private live(requestId: string): ServedRequest | undefined {
    const req = this.requests.get(requestId);
    return req && this.clock() - req.createdAt <= this.ttlMs ? req : undefined;
  }

  private drop(requestId: string): void {
    const req = this.requests.get(requestId);
    if (!req) return;
    this.requests.delete(requestId);
    this.items -= req.items.size;
  }

  /** Oldest requests first (Map keeps insertion order). */
  private evict(): void {
    const now = this.clock();
    for (const [id, req] of this.requests) {
      if (this.items <= this.maxItems && now - req.createdAt <= this.ttlMs) break;
      this.drop(id);
    }
  }
}

/** The process's log (feed.list writes, feed.seen and events.log read); shared through Redis with REDIS_URL. */
export const servedLog = new ServedLog(apiEnv.REDIS_URL ? new RedisServedLog(apiEnv.REDIS_URL, SERVED_TTL_MS) : null);
