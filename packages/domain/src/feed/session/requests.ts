import { type Db } from '@lede/db';
import type { RankedItem } from '@lede/ranking';

import { AppError } from '../../shared/errors';

/** A feed session: its ranking (what later pages slice), who it is for, and what the reader has read. */
export interface RankedRequest {
  readerId: string;
  category: string | null;
  modelVersion: string;
  fallback: boolean;
  items: RankedItem[];
  /** False when the ranking stopped at FEED_DEPTH items and more candidates may follow. */
  complete: boolean;
  /** Titles of the reader's history articles, for "because you read …". */
  titles: ReadonlyMap<string, string>;
  /** Stories the reader opened: listed after the unread ones and marked read. */
  read: ReadonlySet<string>;
  /** Feed position of items[0]: non-zero when a request was ranked again after its ranking was evicted. */
  base: number;
  /**
   * What the request showed before items[0] when it was ranked again (its impressions and served cards): left
   * out of the rankings that extend it too, which otherwise exclude only `items`.
   */
  shownBefore: ReadonlySet<string>;
  createdAt: number;
  /** Stories published after this are marked new: the end of the reader's previous visit (null on a first visit). */
  newSince: Date | null;
}

export type Ranking = Omit<RankedRequest, 'base' | 'newSince' | 'shownBefore'>;

/** One ranking per feed session: later pages are slices of it, so no article appears on two pages. */
const requests = new Map<string, RankedRequest>();
/** The sessions each reader holds, oldest first. */
const byReader = new Map<string, string[]>();
const REQUEST_TTL_MS = 30 * 60_000;
export const MAX_REQUESTS = 2_000;
/**
 * Feed sessions one reader keeps: every visit (a reload, another tab) starts one, and 300 ranked items with
 * their explanations are ~0.1–0.3 MB, so a reader who reloads must not fill the process's 2,000. A session
 * evicted sooner still pages: it is ranked again minus what it showed (`shownIn`).
 */
export const MAX_REQUESTS_PER_READER = 4;

export function remember(id: string, req: RankedRequest) {
  if (!requests.has(id)) {
    const ids = byReader.get(req.readerId) ?? [];
    byReader.set(req.readerId, ids);
    ids.push(id);
    while (ids.length > MAX_REQUESTS_PER_READER) forget(ids[0]!);
  }
  requests.set(id, req);
  if (requests.size > MAX_REQUESTS) {
    for (const [key, value] of requests) {
      if (requests.size <= MAX_REQUESTS * 0.9 && Date.now() - value.createdAt < REQUEST_TTL_MS) break;
      forget(key);
    }
  }
}

function forget(id: string) {
  const req = requests.get(id);
  requests.delete(id);
  const ids = req && byReader.get(req.readerId);
  if (!req || !ids) return;
  const at = ids.indexOf(id);
  if (at >= 0) ids.splice(at, 1);
  if (!ids.length) byReader.delete(req.readerId);
}

export function encodeCursor(requestId: string, offset: number) {
  return Buffer.from(JSON.stringify({ r: requestId, o: offset })).toString('base64url');
}

export function decodeCursor(cursor: string): { requestId: string; offset: number } {
  try {
    const { r, o } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { r: unknown; o: unknown };
    if (typeof r === 'string' && Number.isInteger(o) && (o as number) >= 0) return { requestId: r, offset: o as number };
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', 'Malformed cursor');
}

/** The request `id` while it is remembered (for later pages and explanations). */
export function recall(id: string): RankedRequest | undefined {
  return requests.get(id);
}

/** What a request already showed the reader (its impressions), for ranking it again after its ranking was evicted. */
export async function shownIn(db: Db, requestId: string, readerId: string): Promise<Set<string>> {
  const rows = await db.impression.findMany({ where: { requestId, userId: readerId }, select: { articleId: true } });
  return new Set(rows.map((r) => r.articleId));
}
