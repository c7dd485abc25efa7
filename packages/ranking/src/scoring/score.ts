import { type CandidateArticle, type RankContext, type RankingConfig, type ReaderProfile } from '../types';
import { computeDot, computeSigmoid } from '../vector-math';

const HOUR_MS = 3_600_000;

/**
 * Popularity prior. CTR is smoothed toward 1/20 = 5% (a typical feed CTR) so an article with 1 click in
 * 2 impressions does not outrank one with 300 in 3 000; log volume rewards reach, saturating at 1 000 clicks.
 */
export const popularityPrior = { clicks: 1, impressions: 20, ctrCeiling: 0.2, volumeReference: 1000 } as const;

/** Category affinity: onboarding interests count as this many fresh clicks; clicks decay with a week's half-life. */
export const categoryAffinityPrior = { interestClicks: 2, clickHalfLifeHours: 168, maxHistory: 50 } as const;

/** Calibration of the dot product: unit vectors of related news sit around cos 0.3–0.7, so spread that range. */
export const defaultCalibration = { scale: 8, bias: -2.4 } as const;

/** 2^(−age / halfLife); articles dated in the future count as brand new. */
export function computeFreshness(publishedAt: Date, now: Date, halfLifeHours: number): number {
  const ageHours = Math.max(0, (now.getTime() - publishedAt.getTime()) / HOUR_MS);
  return Math.pow(2, -ageHours / halfLifeHours);
}

/** In [0, 1]: half smoothed CTR (relative to a 20% ceiling), half log click volume. */
export function computePopularity(popularity: { clicks: number; impressions: number }): number {
  const clicks = sanitizeCount(popularity.clicks);
  const impressions = sanitizeCount(popularity.impressions);
  const ctr = (clicks + popularityPrior.clicks) / (impressions + popularityPrior.impressions);
  const ctrPart = Math.min(1, ctr / popularityPrior.ctrCeiling);
  const volumePart = Math.min(1, Math.log1p(clicks) / Math.log1p(popularityPrior.volumeReference));
  return 0.5 * ctrPart + 0.5 * volumePart;
}

/**
 * Reader's affinity per category in [0, 1] (1 = their favourite): recency-decayed clicks plus onboarding
 * interests as pseudo-clicks, divided by the largest. With `context.hour`, clicks made at a similar time of
 * day weigh up to 1.5× (and opposite hours 0.5×): morning readers read other sections than evening readers.
 * Only the elapsed time of day matters, so the reader's time zone cancels out.
 */
export function computeCategoryAffinity(
  profile: Pick<ReaderProfile, 'interests' | 'history'>,
  context: Pick<RankContext, 'now' | 'hour'>,
): Map<string, number> {
  const mass = new Map<string, number>();
  const add = (category: string, amount: number) => mass.set(category, (mass.get(category) ?? 0) + amount);
  for (const category of new Set(profile.interests)) add(category, categoryAffinityPrior.interestClicks);
  for (const click of profile.history.slice(0, categoryAffinityPrior.maxHistory)) {
    const ageHours = Math.max(0, (context.now.getTime() - click.clickedAt.getTime()) / HOUR_MS);
    const recency = Math.pow(2, -ageHours / categoryAffinityPrior.clickHalfLifeHours);
    const timeOfDay = context.hour === undefined ? 1 : 1 + 0.5 * Math.cos((2 * Math.PI * ageHours) / 24);
    add(click.category, recency * timeOfDay);
  }
  const max = Math.max(0, ...mass.values());
  return new Map([...mass].map(([category, value]) => [category, max > 0 ? value / max : 0]));
}

export interface ScoringInputs {
  userVector: Float32Array | null;
  /** computeDot(userVector, v) for the candidates' vectors, when made once for many (`createDotWith`). */
  dotWithUser?: (v: Float32Array) => number | null;
  affinity: ReadonlyMap<string, number>;
  config: RankingConfig;
  now: Date;
}

export interface ScoredCandidate {
  candidate: CandidateArticle;
  semantic: number | null;
  freshness: number;
  popularity: number;
  categoryAffinity: number;
  editorialBoost: number;
  pinned: boolean;
  /** Weighted mean of the available components times the editorial boost, before diversity. */
  relevance: number;
  /** The candidate's unit vector when already known (prepared candidates); re-ranking normalises otherwise. */
  unit?: Float32Array | null;
  /** Position in the prepared set, when a ranking model scored it (its explanation is recomputed from there). */
  index?: number;
}

/**
 * Weighted mean over the components that exist: when the semantic score is missing its weight is dropped
 * (not counted as 0), so articles with and without vectors stay comparable in one list.
 */
export function scoreCandidate(candidate: CandidateArticle, inputs: ScoringInputs, unit?: Float32Array | null): ScoredCandidate {
  const { weights, freshnessHalfLifeHours } = inputs.config;
  const semantic = computeSemantic(inputs, candidate.vector);
  const freshness = computeFreshness(candidate.publishedAt, inputs.now, freshnessHalfLifeHours);
  const popularity = computePopularity(candidate.popularity);
  const categoryAffinity = inputs.affinity.get(candidate.category) ?? 0;
  let totalWeight = weights.freshness + weights.popularity + weights.category;
  let sum = weights.freshness * freshness + weights.popularity * popularity + weights.category * categoryAffinity;
  if (semantic !== null) {
    totalWeight += weights.semantic;
    sum += weights.semantic * semantic;
  }
  const mean = totalWeight > 0 ? sum / totalWeight : 0;
  const editorialBoost = sanitizeBoost(candidate.editorial.boost);
  const pinned = candidate.editorial.pinnedUntil !== null && candidate.editorial.pinnedUntil.getTime() > inputs.now.getTime();
  return { candidate, semantic, freshness, popularity, categoryAffinity, editorialBoost, pinned, relevance: mean * editorialBoost, unit };
}

function computeSemantic({ userVector: user, dotWithUser, config }: ScoringInputs, article: Float32Array | null | undefined): number | null {
  if (!user || !article) return null;
  const dot = dotWithUser ? dotWithUser(article) : computeDot(user, article);
  if (dot === null || !Number.isFinite(dot)) return null;
  const { scale, bias } = config.calibration ?? defaultCalibration;
  return computeSigmoid(scale * dot + bias);
}

function sanitizeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function sanitizeBoost(value: number): number {
  return Number.isFinite(value) && value >= 0 ? value : 1;
}
