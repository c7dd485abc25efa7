import { type FeatureArticle } from '../features/compute';
import { countTerms, TermStats } from '../features/terms';
import { computePopularity } from './score';
import { type CandidateArticle } from '../types';
import { normalizeVector, sumWeighted } from '../vector-math';

/**
 * A candidate set made ready for ranking once and ranked many times: what does not depend on the reader is
 * computed here, not per request. The API builds one per candidate-pool refresh.
 */
export interface PreparedCandidates<T extends CandidateArticle = CandidateArticle> {
  readonly items: readonly T[];
  /** Unit-length vector per item (views into one packed matrix); null without a vector of the set's dimension. */
  readonly units: readonly (Float32Array | null)[];
  /** Popularity-weighted mean direction of the item vectors ("what the crowd reads now"), for cold start. */
  popularityDirection(): Float32Array | null;
  /** What the ranking model's features need of each item, and the set's term statistics (built on first use). */
  featureArticles(): { articles: readonly FeatureArticle[]; terms: TermStats };
}

export function prepareCandidates<T extends CandidateArticle>(candidates: readonly T[]): PreparedCandidates<T> {
  const dims = candidates.find((c) => c.vector?.length)?.vector?.length ?? 0;
  const matrix = new Float32Array(candidates.length * dims);
  const units = candidates.map((c, i) => {
    const unit = c.vector && c.vector.length === dims ? normalizeVector(c.vector) : null;
    if (!unit) return null;
    const row = matrix.subarray(i * dims, (i + 1) * dims);
    row.set(unit);
    return row;
  });
  let direction: Float32Array | null | undefined;
  let features: { articles: FeatureArticle[]; terms: TermStats } | undefined;
  return {
    items: candidates,
    units,
    featureArticles() {
      if (!features) {
        const terms = new TermStats();
        const counts = candidates.map((c) => countTerms(`${c.title ?? ''} ${c.abstract ?? ''}`));
        for (const tf of counts) terms.add(tf.keys());
        const articles = candidates.map((c, i): FeatureArticle => ({
          id: c.id,
          category: c.category,
          subcategory: c.subcategory ?? null,
          publishedAt: c.publishedAt,
          unit: units[i] ?? null,
          terms: counts[i]!.size ? terms.weigh(counts[i]!) : null,
          entities: c.entities ?? null,
        }));
        features = { articles, terms };
      }
      return features;
    },
    popularityDirection() {
      if (direction === undefined) {
        const withVectors = candidates.filter((c, i) => units[i] && c.vector);
        const sum = sumWeighted(withVectors.map((c) => c.vector!), withVectors.map((c) => computePopularity(c.popularity)));
        direction = sum ? normalizeVector(sum) : null;
      }
      return direction;
    },
  };
}

export function isPrepared(candidates: readonly CandidateArticle[] | PreparedCandidates): candidates is PreparedCandidates {
  return !Array.isArray(candidates);
}
