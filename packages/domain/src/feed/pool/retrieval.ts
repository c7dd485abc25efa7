import { buildUserVector, normalizeVector, type RankContext, type RankingConfig, type ReaderMemo, type ReaderProfile } from '@lede/ranking';
import type { Retrieved } from '@lede/ranking/retrieval';

import type { PoolArticle, PoolSnapshot } from './candidate-pool';

/**
 * The few hundred candidates one reader's ranking considers, from the whole window: nearest to their user
 * vector, plus popular, fresh, followed-category and pinned stories (`CandidateIndex.retrieve`). What the
 * ranking would drop anyway (seen, clicked, muted, `exclude`, hidden sections) is left out here, so it does not
 * use up the budget. The user vector is built as ranking builds it, with the same user model; the candidates
 * come prepared for the ranking model (`featureArticles`, weighed with the window's term statistics).
 */
export function retrieveCandidates(
  pool: PoolSnapshot,
  profile: ReaderProfile,
  context: RankContext,
  config: Pick<Partial<RankingConfig>, 'userModel'>,
  filter: { exclude?: ReadonlySet<string>; hiddenSections?: readonly string[] } = {},
  /** The request's memo of this reader: the user vector is built once for its retrievals and rankings. */
  memo?: ReaderMemo,
): Retrieved<PoolArticle> {
  const excluded = new Set(filter.exclude);
  for (const id of profile.seen) excluded.add(id);
  for (const h of profile.history) excluded.add(h.articleId);
  for (const n of profile.notInterested) excluded.add(n.articleId);
  const options = { userModel: config.userModel, popularityDirection: profile.interests.length ? pool.popularityDirection() : null };
  const user = memo?.serves(profile, context) ? memo.userVector(options) : buildUserVector(profile, context.now, options);
  return pool.retrieve({
    userVector: user.vector && normalizeVector(user.vector),
    category: context.category ?? null,
    followed: profile.interests.filter((s) => !filter.hiddenSections?.includes(s)),
    exclude: excluded,
    excludeCategories: filter.hiddenSections,
    now: context.now,
  });
}
