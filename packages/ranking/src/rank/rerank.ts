import { type ScoredCandidate } from '../scoring/score';
import { type NotInterestedItem } from '../types';
import { createDotSet } from '../vector-dots';
import { compareIds, computeCosine, computeDot, normalizeVector } from '../vector-math';

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
  const rejectedUnits = notInterested.map((n) => (n.vector ? normalizeVector(n.vector) : null));
  const kept: ScoredCandidate[] = [];
  for (const item of scored) {
    let factor = 1;
    let drop = false;
    notInterested.forEach((rejected, r) => {
      const unit = rejectedUnits[r];
      const cosine = !unit || !item.candidate.vector ? null : item.unit ? computeDot(item.unit, unit) : computeCosine(item.candidate.vector, unit);
      if (cosine !== null) drop ||= cosine >= threshold;
      else if (rejected.category === item.candidate.category) factor = notInterestedCategoryFactor;
    });
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
 *
 * The greedy steps are evaluated lazily: a candidate's max similarity only grows as items are chosen, so its
 * last computed value is an upper bound, and only the candidate on top needs bringing up to date. The result
 * is the plain greedy one, at a fraction of the similarity computations.
 */
export function selectWithMmr(scored: ScoredCandidate[], lambda: number, limit: number, depth = limit): SelectedCandidate[] {
  const sorted = [...scored].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.relevance - a.relevance || compareIds(a.candidate.id, b.candidate.id),
  );
  const mmrCount = Math.min(limit, depth, sorted.length);
  // MMR only draws from the most relevant candidates: a diverse pick from far down the list would not be
  // relevant anyway.
  const windowSize = Math.min(sorted.length, Math.max(mmrCount * 4, mmrCount + 20));
  const items = sorted.slice(0, windowSize);
  const similarity = createSimilarity(items);
  const maxSimilarity = new Float64Array(items.length);
  /** How many of `chosen` each candidate's maxSimilarity accounts for. */
  const upTo = new Uint32Array(items.length);
  const taken = new Uint8Array(items.length);
  const chosen: number[] = [];
  const penaltyScale = (1 - lambda) / lambda;
  const selected: SelectedCandidate[] = [];

  const take = (index: number, penalty: number) => {
    const item = items[index]!;
    taken[index] = 1;
    chosen.push(index);
    selected.push({ scored: item, diversityPenalty: penalty, final: item.relevance - penalty });
  };

  items.forEach((item, i) => {
    if (item.pinned && selected.length < mmrCount) take(i, 0);
  });
  // Max-heap of candidate indices by MMR value (an upper bound until brought up to date), ties to the smaller
  // index: `items` is sorted by relevance then id, so equal values go to the more relevant, then smaller id.
  const value = new Float64Array(items.length);
  const heap: number[] = [];
  const above = (a: number, b: number) => value[a]! > value[b]! || (value[a] === value[b] && a < b);
  // Swaps through a local, not [a, b] = [b, a]: that allocated an array per step (a fifth of a fresh feed's garbage).
  const swap = (a: number, b: number) => {
    const t = heap[a]!;
    heap[a] = heap[b]!;
    heap[b] = t;
  };
  const push = (i: number) => {
    let k = heap.push(i) - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!above(heap[k]!, heap[parent]!)) break;
      swap(k, parent);
      k = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let k = 0; ; ) {
        const l = 2 * k + 1;
        const r = l + 1;
        let best = k;
        if (l < heap.length && above(heap[l]!, heap[best]!)) best = l;
        if (r < heap.length && above(heap[r]!, heap[best]!)) best = r;
        if (best === k) break;
        swap(k, best);
        k = best;
      }
    }
    return top;
  };
  for (let i = 0; i < items.length; i++) {
    if (taken[i]) continue;
    value[i] = items[i]!.relevance;
    push(i);
  }
  while (selected.length < mmrCount && heap.length) {
    const best = pop();
    if (upTo[best] === chosen.length) {
      take(best, penaltyScale * maxSimilarity[best]!);
      continue;
    }
    // Stale bound: bring it up to date and put it back (its value can only have dropped). It stops as soon as
    // the value falls below the next candidate's bound: the max over part of the new picks is still a lower
    // bound of the max (so the value an upper bound), and the rest is compared if it comes back on top.
    let max = maxSimilarity[best]!;
    const relevance = items[best]!.relevance;
    const next = heap.length ? value[heap[0]!]! : -Infinity;
    let k = upTo[best]!;
    while (k < chosen.length) {
      max = Math.max(max, similarity(chosen[k++]!, best));
      if (relevance - penaltyScale * max < next) break;
    }
    maxSimilarity[best] = max;
    upTo[best] = k;
    value[best] = relevance - penaltyScale * max;
    push(best);
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
 * Similarity by index: the cosine (negative counts as 0) of unit vectors; same/different category (1/0) when
 * either vector is missing or has another dimension than the first.
 */
function createSimilarity(items: ScoredCandidate[]): (a: number, b: number) => number {
  const dims = items.find((s) => s.candidate.vector)?.candidate.vector?.length ?? 0;
  const units = items.map((item) => {
    const unit = item.unit !== undefined ? item.unit : item.candidate.vector ? normalizeVector(item.candidate.vector) : null;
    return unit && unit.length === dims ? unit : null;
  });
  const dots = createDotSet(units);
  return (a, b) => {
    const dot = dots.dot(a, b);
    if (dot === null) return items[a]!.candidate.category === items[b]!.candidate.category ? 1 : 0;
    return Math.max(0, dot);
  };
}
