import { explainCandidate } from './because';
import { selectWithMmr, suppressNotInterested, type SelectedCandidate } from './rerank';
import { computeCategoryAffinity, computePopularity, scoreCandidate, type ScoringInputs } from './score';
import {
  type CandidateArticle,
  type RankContext,
  type RankedItem,
  type RankingConfig,
  type ReaderProfile,
} from './types';
import { buildUserVector } from './user-vector';
import { normalizeVector, sumWeighted } from './vector-math';

export const defaultRankingConfig: RankingConfig = {
  freshnessHalfLifeHours: 24,
  weights: { semantic: 0.5, freshness: 0.2, popularity: 0.15, category: 0.15 },
  mmrLambda: 0.8,
  mmrDepth: 50,
  notInterestedSimilarity: 0.85,
  limit: 30,
};

/** Profile history beyond this is ignored, as the user vector ignores it. */
const MAX_HISTORY = 50;

/**
 * Ranks candidates for one reader: filter (seen, clicked, rejected, category tab), score, suppress
 * "not interested" neighbours, then pinned-first MMR. Throws only on an invalid config; the caller falls
 * back to `rankByFreshnessPopularity` on any error.
 */
export function rankCandidates(
  profile: ReaderProfile,
  candidates: CandidateArticle[],
  context: RankContext,
  config: Partial<RankingConfig> = {},
): RankedItem[] {
  const resolved = resolveConfig(config);
  const history = profile.history.slice(0, MAX_HISTORY);
  const excluded = new Set([...profile.seen, ...history.map((h) => h.articleId), ...profile.notInterested.map((n) => n.articleId)]);
  const pool = filterByCategory(candidates, context).filter((c) => !excluded.has(c.id));

  const user = buildUserVector({ ...profile, history }, context.now, {
    userModel: resolved.userModel,
    popularityDirection: computePopularityDirection(pool),
  });
  const inputs: ScoringInputs = {
    userVector: user.vector,
    affinity: computeCategoryAffinity({ ...profile, history }, context),
    config: resolved,
    now: context.now,
  };
  const scored = suppressNotInterested(
    pool.map((c) => scoreCandidate(c, inputs)),
    profile.notInterested,
    resolved.notInterestedSimilarity,
  );
  const attention = new Map(user.weights.map((w) => [w.articleId, w.weight]));
  // Explanations are computed when read: a feed ranks the whole pool but serves it a page at a time.
  return selectWithMmr(scored, resolved.mmrLambda, resolved.limit, resolved.mmrDepth).map((s) =>
    toRankedItem(s, () => explainCandidate(s.scored.candidate, history, attention)),
  );
}

/** The fallback feed: freshness and popularity only, editorial pins and boosts still honoured, no diversity. */
export function rankByFreshnessPopularity(
  candidates: CandidateArticle[],
  context: RankContext,
  config: Partial<RankingConfig> = {},
): RankedItem[] {
  const resolved = resolveConfig(config);
  const inputs: ScoringInputs = {
    userVector: null,
    affinity: new Map(),
    config: { ...resolved, weights: { ...resolved.weights, semantic: 0, category: 0 } },
    now: context.now,
  };
  const scored = filterByCategory(candidates, context).map((c) => scoreCandidate(c, inputs));
  // λ = 1 turns MMR off: the order is pinned first, then relevance, then id.
  return selectWithMmr(scored, 1, resolved.limit).map((s) => toRankedItem(s, () => []));
}

export function resolveConfig(config: Partial<RankingConfig>): RankingConfig {
  const resolved: RankingConfig = {
    ...defaultRankingConfig,
    ...config,
    weights: { ...defaultRankingConfig.weights, ...config.weights },
  };
  const weights = Object.values(resolved.weights);
  if (!(resolved.freshnessHalfLifeHours > 0)) throw new RangeError('freshnessHalfLifeHours must be > 0');
  if (!(resolved.mmrLambda > 0 && resolved.mmrLambda <= 1)) throw new RangeError('mmrLambda must be in (0, 1]');
  if (!(resolved.limit >= 0) || !Number.isInteger(resolved.limit)) throw new RangeError('limit must be an integer ≥ 0');
  if (!(resolved.mmrDepth >= 0) || !Number.isInteger(resolved.mmrDepth)) throw new RangeError('mmrDepth must be an integer ≥ 0');
  if (weights.some((w) => !(w >= 0))) throw new RangeError('weights must be ≥ 0');
  return resolved;
}

function filterByCategory(candidates: CandidateArticle[], context: RankContext): CandidateArticle[] {
  const category = context.category;
  return category ? candidates.filter((c) => c.category === category) : candidates;
}

/** Popularity-weighted mean of the candidate vectors: "what the crowd reads now", for cold start. */
function computePopularityDirection(pool: CandidateArticle[]): Float32Array | null {
  const withVectors = pool.filter((c): c is CandidateArticle & { vector: Float32Array } => !!c.vector);
  const dims = withVectors[0]?.vector.length;
  const same = withVectors.filter((c) => c.vector.length === dims);
  const sum = sumWeighted(same.map((c) => c.vector), same.map((c) => computePopularity(c.popularity)));
  return sum ? normalizeVector(sum) : null;
}

function toRankedItem(selected: SelectedCandidate, explain: () => RankedItem['because']): RankedItem {
  const s = selected.scored;
  let because: RankedItem['because'] | undefined;
  return {
    articleId: s.candidate.id,
    score: selected.final,
    components: {
      semantic: s.semantic,
      freshness: s.freshness,
      popularity: s.popularity,
      categoryAffinity: s.categoryAffinity,
      diversityPenalty: selected.diversityPenalty,
      editorialBoost: s.editorialBoost,
      pinned: s.pinned,
      final: selected.final,
    },
    get because() {
      return (because ??= explain());
    },
  };
}
