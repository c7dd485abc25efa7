import { type BecauseItem, type CandidateArticle, type HistoryItem } from '../types';
import { compareIds, computeCosine, computeDot } from '../vector-math';

const BECAUSE_COUNT = 3;

/**
 * The history items that contributed most to a candidate: attention weight × cosine to the candidate
 * (what the user vector actually sums over). When vectors are missing the evidence is the category, so the
 * same-category clicks are shown with their attention weight, or with a recency rank when no weights exist.
 */
export function explainCandidate(
  candidate: CandidateArticle,
  history: readonly HistoryItem[],
  attention: ReadonlyMap<string, number>,
  /** Unit vectors already at hand (the candidate's, the history's by index): a cosine is then one dot product. */
  units?: { candidate: Float32Array | null | undefined; history: readonly (Float32Array | null)[] },
): BecauseItem[] {
  const contributions: BecauseItem[] = [];
  history.forEach((item, index) => {
    const weight = attention.get(item.articleId);
    const cosine =
      weight === undefined || !item.vector || !candidate.vector
        ? null
        : units?.candidate && units.history[index]
          ? computeDot(units.candidate, units.history[index])
          : computeCosine(item.vector, candidate.vector);
    if (weight !== undefined && cosine !== null) {
      if (cosine > 0) contributions.push({ articleId: item.articleId, weight: weight * cosine });
    } else if (item.category === candidate.category) {
      contributions.push({ articleId: item.articleId, weight: weight ?? 1 / (index + 1) });
    }
  });
  const unique = new Map<string, BecauseItem>();
  for (const c of contributions) {
    const existing = unique.get(c.articleId);
    if (!existing || existing.weight < c.weight) unique.set(c.articleId, c);
  }
  return [...unique.values()]
    .sort((a, b) => b.weight - a.weight || compareIds(a.articleId, b.articleId))
    .slice(0, BECAUSE_COUNT);
}
