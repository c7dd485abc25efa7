import { type ScoredCandidate } from './score';
import { type NotInterestedItem } from './types';
import { compareIds, computeCosine, normalizeVector } from './vector-math';

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
export function selectWithMmr(scored: ScoredCandidate[], lambda: number, limit: number, depth = limit): SelectedCandidate[] {
  const sorted = [...scored].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.relevance - a.relevance || compareIds(a.candidate.id, b.candidate.id),
  );
  const mmrCount = Math.min(limit, depth, sorted.length);
  // MMR only draws from the most relevant candidates: it costs depth × window dot products instead of
  // limit × n, and a diverse pick from far down the list would not be relevant anyway.
  const windowSize = Math.min(sorted.length, Math.max(mmrCount * 4, mmrCount + 20));
  const items = sorted.slice(0, windowSize);
  const similarity = createSimilarity(items);
  const maxSimilarity = new Float64Array(items.length);
  const taken = new Uint8Array(items.length);
  const penaltyScale = (1 - lambda) / lambda;
  const selected: SelectedCandidate[] = [];

  const take = (index: number, penalty: number) => {
    const item = items[index]!;
    taken[index] = 1;
    selected.push({ scored: item, diversityPenalty: penalty, final: item.relevance - penalty });
    if (selected.length === mmrCount) return;
    for (let i = 0; i < items.length; i++) {
      if (!taken[i]) maxSimilarity[i] = Math.max(maxSimilarity[i]!, similarity(index, i));
    }
  };

  items.forEach((item, i) => {
    if (item.pinned && selected.length < mmrCount) take(i, 0);
  });
  while (selected.length < mmrCount) {
    let best = -1;
    let bestValue = -Infinity;
    // `items` is sorted by relevance then id, so on equal MMR values a strict `>` keeps the more relevant, then smaller id.
    for (let i = 0; i < items.length; i++) {
      if (taken[i]) continue;
      const value = items[i]!.relevance - penaltyScale * maxSimilarity[i]!;
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    if (best < 0) break;
    take(best, penaltyScale * maxSimilarity[best]!);
  }
  // Past the diversified head, the rest follows in relevance order.
  for (let i = 0; i < sorted.length && selected.length < limit; i++) {
    if (i < items.length && taken[i]) continue;
    const item = sorted[i]!;
    selected.push({ scored: item, diversityPenalty: 0, final: item.relevance });
  }
  return selected;
}

/**
 * Similarity by index: the cosine (negative counts as 0) of unit vectors packed into one matrix, which keeps
 * the limit × n updates to tight dot products; same/different category (1/0) when either vector is missing
 * or has another dimension than the first.
 */
function createSimilarity(items: ScoredCandidate[]): (a: number, b: number) => number {
  const dims = items.find((s) => s.candidate.vector)?.candidate.vector?.length ?? 0;
  const matrix = new Float32Array(items.length * dims);
  const hasVector = new Uint8Array(items.length);
  items.forEach((item, i) => {
    const vector = item.candidate.vector;
    const unit = vector && vector.length === dims ? normalizeVector(vector) : null;
    if (!unit) return;
    matrix.set(unit, i * dims);
    hasVector[i] = 1;
  });
  return (a, b) => {
    if (!hasVector[a] || !hasVector[b]) return items[a]!.candidate.category === items[b]!.candidate.category ? 1 : 0;
    let dot = 0;
    for (let d = 0, ia = a * dims, ib = b * dims; d < dims; d++) dot += matrix[ia + d]! * matrix[ib + d]!;
    return Math.max(0, dot);
  };
}
