/**
 * What each feed request served, kept apart from the rankings: impressions and feed clicks are accepted only for
 * a (request, article, reader) triple in here. A ranking holds FEED_DEPTH items and is evicted within 30 min
 * under load; this log holds only the pages actually sent (article id, position, score: ~100 bytes a card), so
 * it keeps a day of them in tens of MB. A request that is not here (older than a day, served before a restart or
 * by another process) gets no impressions: the cost is the few beacons in flight at a restart, against accepting
 * any article a forged request claims. Several reader processes behind one host name need sticky routing per
 * reader (see ARCHITECTURE.md, "Feed logging").
 */
import { DAY_MS } from '../../shared/time';

export interface ServedItem {
  position: number;
  score: number;
  modelVersion: string;
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
    private readonly maxItems = SERVED_MAX_ITEMS,
    private readonly ttlMs = SERVED_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records a page of a request; a later page of the same request adds to it. */
  record(requestId: string, readerId: string, modelVersion: string, page: { articleId: string; position: number; score: number }[]): void {
    let req = this.requests.get(requestId);
    if (req && req.readerId !== readerId) return;
    if (!req) this.requests.set(requestId, (req = { readerId, modelVersion, createdAt: this.clock(), items: new Map() }));
    for (const p of page) {
      if (!req.items.has(p.articleId)) this.items++;
      req.items.set(p.articleId, { position: p.position, score: p.score });
    }
    this.evict();
  }

  /** What the request served this reader at `articleId`, or null when it served no such card to them. */
  find(requestId: string, readerId: string, articleId: string): ServedItem | null {
    const req = this.requests.get(requestId);
    if (!req || req.readerId !== readerId || this.clock() - req.createdAt > this.ttlMs) return null;
    const item = req.items.get(articleId);
    return item ? { ...item, modelVersion: req.modelVersion } : null;
  }

  /** Oldest requests first (Map keeps insertion order). */
  private evict(): void {
    const now = this.clock();
    for (const [id, req] of this.requests) {
      if (this.items <= this.maxItems && now - req.createdAt <= this.ttlMs) break;
      this.requests.delete(id);
      this.items -= req.items.size;
    }
  }
}

/** The process's log (feed.list writes, feed.seen and events.log read). */
export const servedLog = new ServedLog();
