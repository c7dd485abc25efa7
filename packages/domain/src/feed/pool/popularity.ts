import { type Db } from '@lede/db';
import { countRecentReaders } from '@lede/ranking';
import { type CandidateIndex } from '@lede/ranking/retrieval';

import { DAY_MS } from '../../shared/time';
import type { PoolArticle } from './candidate-pool';

/**
 * Popularity decays in two steps: the last 24 h count fully, the two days before at half weight. It counts
 * distinct readers, not events: one reader (or one script replaying beacons) moves an article by one at
 * most per window, and only feed clicks count (a click with a request id answers a card the server served;
 * a bare click names any article). `readers`: distinct readers whose latest click falls in the last hour,
 * day and week (the ranking model's popularity windows). Only articles whose counts moved get a new object
 * (the previous one keeps serving rankings made from it). `popular.ids`: the articles with counts last time
 * (their counts go back to zero when they drop out), replaced by this time's. Returns whether any moved.
 */
export async function attachPopularity(db: Db, index: CandidateIndex<PoolArticle>, now: Date, popular: { ids: Set<string> }): Promise<boolean> {
  const day = new Date(now.getTime() - DAY_MS);
  const threeDays = new Date(now.getTime() - 3 * DAY_MS);
  const week = new Date(now.getTime() - 7 * DAY_MS);
  const recent = { gte: day };
  const before = { gte: threeDays, lt: day };
  const readersOf = (rows: { articleId: string }[]) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.articleId, (counts.get(r.articleId) ?? 0) + 1);
    return counts;
  };
  const clicks = { type: 'CLICK' as const, requestId: { not: null } };
  const [imp1, imp3, clk1, clk3, readers] = await Promise.all([
    db.impression.groupBy({ by: ['articleId', 'userId'], where: { createdAt: recent } }).then(readersOf),
    db.impression.groupBy({ by: ['articleId', 'userId'], where: { createdAt: before } }).then(readersOf),
    db.readerEvent.groupBy({ by: ['articleId', 'userId'], where: { ...clicks, createdAt: recent } }).then(readersOf),
    db.readerEvent.groupBy({ by: ['articleId', 'userId'], where: { ...clicks, createdAt: before } }).then(readersOf),
    // A reader's latest click per article: a reader counts in a window exactly when that click falls in it.
    db.readerEvent.groupBy({ by: ['articleId', 'userId'], where: { ...clicks, createdAt: { gte: week, lte: now } }, _max: { createdAt: true } }),
  ]);
  const counts = new Map<string, Required<PoolArticle['popularity']>>();
  const countsOf = (id: string) => {
    let c = counts.get(id);
    if (!c && index.get(id)) counts.set(id, (c = noPopularity()));
    return c;
  };
  const latest = new Map<string, { time: Date; reader: string }[]>();
  for (const r of readers) {
    if (!r._max.createdAt || !index.get(r.articleId)) continue;
    const list = latest.get(r.articleId) ?? [];
    list.push({ time: r._max.createdAt, reader: r.userId });
    latest.set(r.articleId, list);
  }
  for (const [id, list] of latest) countsOf(id)!.readers = countRecentReaders(list, now);
  const add = (rows: Map<string, number>, key: 'clicks' | 'impressions', w: number) => {
    for (const [articleId, n] of rows) {
      const c = countsOf(articleId);
      if (c) c[key] += w * n;
    }
  };
  add(imp1, 'impressions', 1);
  add(imp3, 'impressions', 0.5);
  add(clk1, 'clicks', 1);
  add(clk3, 'clicks', 0.5);
  let moved = false;
  for (const id of new Set([...popular.ids, ...counts.keys()])) {
    const a = index.get(id);
    const next = counts.get(id) ?? noPopularity();
    if (!a || samePopularity(a.popularity, next)) continue;
    index.upsert({ ...a, popularity: next });
    moved = true;
  }
  popular.ids = new Set(counts.keys());
  return moved;
}

export function noPopularity(): Required<PoolArticle['popularity']> {
  return { clicks: 0, impressions: 0, readers: { hour: 0, day: 0, week: 0 } };
}

function samePopularity(a: PoolArticle['popularity'], b: PoolArticle['popularity']): boolean {
  const [x, y] = [a.readers, b.readers];
  return a.clicks === b.clicks && a.impressions === b.impressions && x?.hour === y?.hour && x?.day === y?.day && x?.week === y?.week;
}
