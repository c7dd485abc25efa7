import { explainCandidate } from './because';
import { createLearnedScorer, type LearnedScorer } from '../scoring/learned-score';
import { isPrepared, prepareCandidates, type PreparedCandidates } from '../scoring/prepared';
import { selectWithMmr, suppressNotInterested, type SelectedCandidate } from './rerank';
import { scoreCandidate, type ScoredCandidate, type ScoringInputs } from '../scoring/score';
import {
  type CandidateArticle,
  type HistoryItem,
  type RankContext,
  type RankedItem,
  type RankingConfig,
  type ReaderProfile,
} from '../types';
import { ReaderMemo } from './reader-memo';
import { createDotWith } from '../vector-dots';
import { computeSigmoid, normalizeVectorOnce } from '../vector-math';

export const defaultRankingConfig: RankingConfig = {
  freshnessHalfLifeHours: 24,
  weights: { semantic: 0.5, freshness: 0.2, popularity: 0.15, category: 0.15 },
  mmrLambda: 0.8,
  mmrDepth: 50,
  notInterestedSimilarity: 0.85,
  limit: 30,
};

/**
 * Ranks candidates for one reader: filter (seen, clicked, rejected, category tab), score, suppress
 * "not interested" neighbours, then pinned-first MMR. `candidates` may be prepared once
 * (`prepareCandidates`) and ranked for many readers. Throws only on an invalid config; the caller falls
 * back to `rankByFreshnessPopularity` on any error.
 */
export function rankCandidates(
  profile: ReaderProfile,
  candidates: readonly CandidateArticle[] | PreparedCandidates,
  context: RankContext,
  config: Partial<RankingConfig> = {},
  /** Shared by the rankings of this profile within one request (`ReaderMemo`); ignored for another profile or time. */
  shared?: ReaderMemo,
): RankedItem[] {
  const resolved = resolveConfig(config);
  const prepared = isPrepared(candidates) ? candidates : prepareCandidates(candidates);
  const memo = shared?.serves(profile, context) ? shared : new ReaderMemo(profile, context.now, context.hour);
  const history = memo.history;
  const excluded = new Set([...profile.seen, ...history.map((h) => h.articleId), ...profile.notInterested.map((n) => n.articleId)]);

  const user = memo.userVector({
    userModel: resolved.userModel,
    // Only a reader with onboarding interests has a cold-start vector to pull toward what is popular.
    popularityDirection: profile.interests.length ? prepared.popularityDirection() : null,
  });
  const inputs: ScoringInputs = {
    userVector: user.vector,
    ...(user.vector ? { dotWithUser: createDotWith(user.vector) } : {}),
    affinity: memo.affinity(),
    config: resolved,
    now: context.now,
  };
  const category = context.category;
  const model = resolved.rankingModel;
  const learned = model ? createLearnedScorer(prepared, history, profile.interests, user.vector, context, model, memo) : null;
  // A candidate scores the same in every ranking of this request that holds it (its features do not depend on
  // the other candidates): scored once.
  const memoScores = memo.scores(scoreKey(resolved, user.vector));
  const scored: ScoredCandidate[] = [];
  // A plain loop, not a callback: a closure here would share rankCandidates' scope with the explainers below.
  for (let i = 0; i < prepared.items.length; i++) {
    const c = prepared.items[i]!;
    if ((category && c.category !== category) || excluded.has(c.id)) continue;
    let s = memoScores.get(c.id);
    if (!s) {
      const blend = scoreCandidate(c, inputs, prepared.units[i]);
      // The ranking model replaces the blend; σ keeps relevance in (0, 1), the scale MMR trades against similarity.
      if (learned) blend.relevance = computeSigmoid(learned.score(i)) * blend.editorialBoost;
      s = blend;
      memoScores.set(c.id, s);
    }
    scored.push({ ...s, candidate: c, unit: prepared.units[i], ...(learned ? { index: i } : {}) });
  }
  const kept = suppressNotInterested(scored, profile.notInterested, resolved.notInterestedSimilarity);
  const explainers = createExplainers(history, user.weights, learned);
  return selectWithMmr(kept, resolved.mmrLambda, resolved.limit, resolved.mmrDepth).map(
    (s) => new LazyRankedItem(s, () => explainers.because(s.scored), () => explainers.contributions(s.scored)),
  );
}

/**
 * Explanations are computed when read: a feed ranks the whole pool but serves it a page at a time. The ranked
 * items outlive the ranking (a feed request keeps its 300 for paging and "Why am I seeing this?"), so their
 * closures are made here, where they hold only what an explanation reads: made inside rankCandidates they
 * kept its whole scope alive per request (every scored candidate, the excluded set with the reader's seen
 * stories, the scoring inputs): in heap snapshots of the soak's reader the live heap grew ~0.35 MB per
 * remembered request, of which the 300 items themselves are ~0.1 MB (issue 15).
 */
function createExplainers(history: readonly HistoryItem[], weights: readonly { articleId: string; weight: number }[], learned: LearnedScorer | null) {
  const attention = new Map(weights.map((w) => [w.articleId, w.weight]));
  let historyUnits: (Float32Array | null)[] | undefined;
  return {
    because(s: ScoredCandidate) {
      historyUnits ??= history.map((h) => (h.vector ? normalizeVectorOnce(h.vector) : null));
      return explainCandidate(s.candidate, history, attention, { candidate: s.unit, history: historyUnits });
    },
    contributions: (s: ScoredCandidate) => (learned && s.index !== undefined ? learned.explain(s.index) : []),
  };
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
  return selectWithMmr(scored, 1, resolved.limit).map((s) => new LazyRankedItem(s, () => [], () => []));
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

function filterByCategory(candidates: readonly CandidateArticle[], context: RankContext): readonly CandidateArticle[] {
  const category = context.category;
  return category ? candidates.filter((c) => c.category === category) : candidates;
}

/** A ranked item whose explanation is computed on first read (one class, not a closure-bearing literal per item). */
class LazyRankedItem implements RankedItem {
  readonly articleId: string;
  readonly score: number;
  readonly components: RankedItem['components'];
  #because: RankedItem['because'] | undefined;
  #explain: (() => RankedItem['because']) | undefined;
  #contributions: RankedItem['contributions'] | undefined;
  #attribute: (() => RankedItem['contributions']) | undefined;

  constructor(selected: SelectedCandidate, explain: () => RankedItem['because'], attribute: () => RankedItem['contributions']) {
    const s = selected.scored;
    this.articleId = s.candidate.id;
    this.score = selected.final;
    this.components = {
      semantic: s.semantic,
      freshness: s.freshness,
      popularity: s.popularity,
      categoryAffinity: s.categoryAffinity,
      diversityPenalty: selected.diversityPenalty,
      editorialBoost: s.editorialBoost,
      pinned: s.pinned,
      final: selected.final,
    };
    this.#explain = explain;
    this.#attribute = attribute;
  }

  get contributions(): RankedItem['contributions'] {
    if (this.#contributions === undefined) {
      this.#contributions = this.#attribute!();
      this.#attribute = undefined;
    }
    return this.#contributions;
  }

  get because(): RankedItem['because'] {
    if (this.#because === undefined) {
      this.#because = this.#explain!();
      this.#explain = undefined;
    }
    return this.#because;
  }
}

/** What a candidate's scores depend on besides the reader, the request's time and the candidate. */
function scoreKey(config: RankingConfig, userVector: Float32Array | null): string {
  return JSON.stringify([config.weights, config.calibration ?? null, config.freshnessHalfLifeHours, modelId(config.rankingModel), vectorId(userVector)]);
}

const ids = new WeakMap<object, number>();
let nextId = 0;
/** A number per object identity (ranking models, user vectors), for memo keys. */
function identify(o: object | null | undefined): number {
  if (!o) return -1;
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}
const modelId = identify;
const vectorId = identify;
