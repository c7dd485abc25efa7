import { computeCosine, defaultRankingConfig, type RankedItem } from '@lede/ranking';

import type { FeedDeps } from '../list';
import { loadMuted } from '../profile/reader-profile';
import type { RankedRequest } from './requests';

/**
 * "Not interested" takes effect inside the current feed session too: stories not yet served that are the muted
 * article or its near neighbours (the ranking's suppression threshold) leave the rest of this ranking. Only items
 * after `start` change, so earlier pages and offsets stay valid.
 */
export async function dropMutedAhead(deps: FeedDeps, req: RankedRequest, start: number) {
  const muted = new Set((await loadMuted(deps.db, req.readerId, new Date(req.createdAt))).keys());
  if (!muted.size) return;
  const threshold = deps.rankingConfig?.notInterestedSimilarity ?? defaultRankingConfig.notInterestedSimilarity;
  const mutedVectors = [...muted].map((id) => deps.pool.get(id)?.vector).filter((v): v is Float32Array => !!v);
  const isMuted = (item: RankedItem) => {
    if (muted.has(item.articleId)) return true;
    const vector = deps.pool.get(item.articleId)?.vector;
    return !!vector && mutedVectors.some((m) => (computeCosine(m, vector) ?? 0) >= threshold);
  };
  req.items = [...req.items.slice(0, start), ...req.items.slice(start).filter((item) => !isMuted(item))];
}
