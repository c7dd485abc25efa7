import { type BecauseItem, type CandidateArticle, type HistoryItem } from './types';
import { compareIds, computeCosine } from './vector-math';

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
): BecauseItem[] {
  const contributions: BecauseItem[] = [];
  history.forEach((item, index) => {
    const weight = attention.get(item.articleId);
    const cosine = weight !== undefined && item.vector && candidate.vector ? computeCosine(item.vector, candidate.vector) : null;
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
