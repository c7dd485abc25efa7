import { type Db } from '@lede/db';
import { bytesToVector, type HistoryItem, type ReaderProfile } from '@lede/ranking';

import type { CandidatePool } from './candidate-pool';

const HISTORY_LIMIT = 50;
const SEEN_LIMIT = 1000;

/** Everything ranking needs to know about one reader, from the click log and their onboarding interests. */
export async function loadReaderProfile(db: Db, pool: CandidatePool, readerId: string, encoderVersion: string | null): Promise<ReaderProfile> {
  const [user, clicks, feedback] = await Promise.all([
    db.user.findUnique({ where: { id: readerId }, select: { interests: true } }),
    db.readerEvent.findMany({
      where: { userId: readerId, type: 'CLICK' },
      orderBy: { createdAt: 'desc' },
      take: SEEN_LIMIT,
      select: { articleId: true, createdAt: true, article: { select: { category: true } } },
    }),
    db.readerEvent.findMany({
      where: { userId: readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] } },
      orderBy: { createdAt: 'asc' },
      select: { articleId: true, type: true, article: { select: { category: true } } },
    }),
  ]);

  const history: HistoryItem[] = [];
  const seenInHistory = new Set<string>();
  for (const c of clicks) {
    if (history.length >= HISTORY_LIMIT) break;
    if (seenInHistory.has(c.articleId)) continue;
    seenInHistory.add(c.articleId);
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
    interests: parseInterests(user?.interests),
    history,
    notInterested,
    seen: new Set([...clicks.map((c) => c.articleId), ...muted.keys()]),
  };
}

export function parseInterests(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
