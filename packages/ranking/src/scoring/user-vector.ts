import { type BecauseItem, type ReaderProfile, type UserModel } from '../types';
import { computeCosine, computeDot, computeSoftmax, normalizeVector, normalizeVectorOnce, sumWeighted } from '../vector-math';

const HOUR_MS = 3_600_000;

export interface UserVectorOptions {
  /** History items considered, most recent first. */
  maxHistory?: number;
  /** Softmax temperature of the similarity-to-mean term: lower trusts the reader's consistent taste more. */
  temperature?: number;
  /** A click this many hours older gets half the attention of an otherwise identical fresh click. */
  recencyHalfLifeHours?: number;
  /** Onboarding interests count as this many clicks when blended with the history (k / (k + n)). */
  interestPseudoClicks?: number;
  /** Unit direction of what is popular now (e.g. popularity-weighted mean of candidate vectors). */
  popularityDirection?: Float32Array | null;
  /** Share of the popularity direction in the cold-start vector. */
  popularityBlend?: number;
  userModel?: UserModel;
}

export type UserVectorSource = 'model' | 'attention' | 'cold-start' | 'none';

export interface UserVector {
  vector: Float32Array | null;
  /** Attention weight of every history item that has a vector, in history order; sums to 1. */
  weights: BecauseItem[];
  source: UserVectorSource;
}

export const defaultUserVectorOptions = {
  maxHistory: 50,
  temperature: 0.25,
  recencyHalfLifeHours: 72,
  interestPseudoClicks: 3,
  popularityBlend: 0.3,
} as const;

interface UsableClick {
  articleId: string;
  clickedAt: Date;
  raw: Float32Array;
  unit: Float32Array;
}

/**
 * Builds the reader's vector from the vectors of their recent clicks.
 *
 * Attention pooling, no training needed: each click i gets logit cos(hᵢ, mean)/τ − ln2 · ageᵢ/halfLife and
 * the weights are their softmax. The similarity term lets the reader's recurring interests outvote one-off
 * or accidental clicks; the recency term is a half-life, so taste drift shows within days. With a trained
 * `userModel` the model's vector is used and the weights say which clicks it points toward (for `because`).
 * Onboarding interests (category centroids) are blended in with weight k/(k+n), which is the whole vector
 * at cold start and fades as clicks accumulate.
 */
export function buildUserVector(profile: ReaderProfile, now: Date, options: UserVectorOptions = {}): UserVector {
  const opts = { ...defaultUserVectorOptions, ...options };
  const clicks = collectUsableClicks(profile, opts.maxHistory);
  const coldStart = buildColdStartVector(profile, opts.popularityDirection ?? null, opts.popularityBlend);

  if (clicks.length === 0) {
    return { vector: coldStart, weights: [], source: coldStart ? 'cold-start' : 'none' };
  }
  const units = clicks.map((c) => c.unit);

  if (opts.userModel) {
    const vector = normalizeVector(opts.userModel.encodeUser(clicks.map((c) => c.raw), now));
    const logits = units.map((u) => (vector ? (computeDot(u, vector) ?? 0) : 0) / opts.temperature);
    return { vector, weights: toWeights(clicks, computeSoftmax(logits)), source: 'model' };
  }

  const mean = normalizeVector(sumWeighted(units, units.map(() => 1 / units.length)) ?? new Float32Array());
  const logits = clicks.map((c) => {
    const similarity = mean ? (computeCosine(c.unit, mean) ?? 0) : 0;
    const ageHours = Math.max(0, (now.getTime() - c.clickedAt.getTime()) / HOUR_MS);
    return similarity / opts.temperature - (Math.LN2 * ageHours) / opts.recencyHalfLifeHours;
  });
  const weights = computeSoftmax(logits);
  const pooled = normalizeVector(sumWeighted(units, weights) ?? new Float32Array());

  let vector = pooled;
  if (pooled && coldStart && coldStart.length === pooled.length) {
    const alpha = opts.interestPseudoClicks / (opts.interestPseudoClicks + clicks.length);
    vector = normalizeVector(sumWeighted([pooled, coldStart], [1 - alpha, alpha]) ?? pooled);
  }
  return { vector, weights: toWeights(clicks, weights), source: 'attention' };
}

/**
 * Cold start: the mean of the onboarding-interest centroids, pulled toward what is popular so a new reader
 * still sees the day's big stories. Without interests there is no personal signal, so no vector.
 */
export function buildColdStartVector(
  profile: Pick<ReaderProfile, 'interests' | 'categoryCentroids'>,
  popularityDirection: Float32Array | null,
  popularityBlend: number,
): Float32Array | null {
  const centroids: Float32Array[] = [];
  for (const category of new Set(profile.interests)) {
    const centroid = profile.categoryCentroids?.get(category);
    const unit = centroid ? normalizeVector(centroid) : null;
    if (unit && (!centroids[0] || centroids[0].length === unit.length)) centroids.push(unit);
  }
  const interest = normalizeVector(sumWeighted(centroids, centroids.map(() => 1)) ?? new Float32Array());
  if (!interest) return null;
  const popular = popularityDirection ? normalizeVector(popularityDirection) : null;
  if (!popular || popular.length !== interest.length) return interest;
  return normalizeVector(sumWeighted([interest, popular], [1 - popularityBlend, popularityBlend]) ?? interest);
}

function collectUsableClicks(profile: ReaderProfile, maxHistory: number): UsableClick[] {
  const clicks: UsableClick[] = [];
  for (const item of profile.history.slice(0, maxHistory)) {
    if (!item.vector) continue;
    const unit = normalizeVectorOnce(item.vector);
    // Vectors from another encoder (other dimension) cannot be pooled with the rest; the first one sets the size.
    if (!unit || (clicks[0] && clicks[0].unit.length !== unit.length)) continue;
    clicks.push({ articleId: item.articleId, clickedAt: item.clickedAt, raw: item.vector, unit });
  }
  return clicks;
}

function toWeights(clicks: UsableClick[], weights: number[]): BecauseItem[] {
  return clicks.map((c, i) => ({ articleId: c.articleId, weight: weights[i] ?? 0 }));
}
