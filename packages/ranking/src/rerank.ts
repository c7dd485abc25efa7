import { type ScoredCandidate } from './score.js';
import { type NotInterestedItem } from './types.js';
import { compareIds, computeCosine } from './vector-math.js';

/** Candidates sharing a category with a "not interested" article that has no vector to compare keep this share. */
export const notInterestedCategoryFactor = 0.5;

export interface SelectedCandidate {
  scored: ScoredCandidate;
  diversityPenalty: number;
  final: number;
}

/**
 * Drops near neighbours of "not interested" articles (cosine ≥ threshold) and, where either vector is
 * missing, halves candidates of the same category: without vectors the category is the best evidence of
 * what the reader rejected. The rejected articles themselves are expected to be filtered out already.
 */
export function suppressNotInterested(
  scored: ScoredCandidate[],
  notInterested: readonly NotInterestedItem[],
  threshold: number,
): ScoredCandidate[] {
  if (notInterested.length === 0) return scored;
  const kept: ScoredCandidate[] = [];
  for (const item of scored) {
    let factor = 1;
    let drop = false;
    for (const rejected of notInterested) {
      const cosine = item.candidate.vector && rejected.vector ? computeCosine(item.candidate.vector, rejected.vector) : null;
      if (cosine !== null) drop ||= cosine >= threshold;
      else if (rejected.category === item.candidate.category) factor = notInterestedCategoryFactor;
    }
    if (!drop) kept.push(factor === 1 ? item : { ...item, relevance: item.relevance * factor });
  }
  return kept;
}

/**
 * Pinned articles first (by relevance), then greedy MMR: each step takes the candidate maximising
 * λ·relevance − (1−λ)·max similarity to what is already chosen. Dividing by λ keeps the result on the
 * relevance scale: final = relevance − diversityPenalty with penalty = (1−λ)/λ · max similarity, so an
 * item with nothing like it above has final = relevance. Similarity is the cosine of the vectors (negative
 * counts as 0), or 1/0 for same/different category when either vector is missing. Ties go to the smaller id.
 */
export function selectWithMmr(scored: ScoredCandidate[], lambda: number, limit: number): SelectedCandidate[] {
  const byRelevance = [...scored].sort(
    (a, b) => b.relevance - a.relevance || compareIds(a.candidate.id, b.candidate.id),
  );
  const selected: SelectedCandidate[] = [];
  const pinned = byRelevance.filter((s) => s.pinned);
  const rest = byRelevance.filter((s) => !s.pinned);
  const maxSimilarity = new Float64Array(rest.length);
  const taken = new Uint8Array(rest.length);
  const penaltyScale = (1 - lambda) / lambda;

  const take = (item: ScoredCandidate, penalty: number) => {
    if (selected.length >= limit) return;
    selected.push({ scored: item, diversityPenalty: penalty, final: item.relevance - penalty });
    rest.forEach((other, i) => {
      if (!taken[i]) maxSimilarity[i] = Math.max(maxSimilarity[i]!, computeSimilarity(item, other));
    });
  };

  for (const item of pinned) take(item, 0);
  while (selected.length < limit) {
    let best = -1;
    let bestValue = -Infinity;
    // `rest` is sorted by relevance then id, so on equal MMR values a strict `>` keeps the more relevant, then smaller id.
    for (let i = 0; i < rest.length; i++) {
      if (taken[i]) continue;
      const value = rest[i]!.relevance - penaltyScale * maxSimilarity[i]!;
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    const item = rest[best];
    if (!item) break;
    taken[best] = 1;
    take(item, penaltyScale * maxSimilarity[best]!);
  }
  return selected;
}

function computeSimilarity(a: ScoredCandidate, b: ScoredCandidate): number {
  const va = a.candidate.vector;
  const vb = b.candidate.vector;
  const cosine = va && vb ? computeCosine(va, vb) : null;
  if (cosine !== null) return Math.max(0, cosine);
  return a.candidate.category === b.candidate.category ? 1 : 0;
}
