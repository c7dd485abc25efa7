import { buildReaderFacts, featureCount, writeFeatures } from '../features/compute';
import { featureNames, SERVING_POSITION } from '../features/names';
import { type CompiledRankingModel } from '../ltr/model';
import { buildHistoryFacts, type ReaderMemo } from '../rank/reader-memo';
import { type PreparedCandidates } from './prepared';
import { type FeatureContribution, type HistoryItem } from '../types';

export interface LearnedScorer {
  /** The ranking model's score of prepared item i. */
  score(i: number): number;
  /** Its per-feature contributions, largest magnitude first (zeros left out). */
  explain(i: number): FeatureContribution[];
}

/**
 * Scores a prepared candidate set for one reader with the ranking model: the reader's facts (user vector,
 * recent clicks, keyword profile, category shares) are computed once, each candidate's features into one
 * reused row. Impression position is fixed at SERVING_POSITION: the model learned position bias from the logs
 * and every candidate is scored as if shown first.
 */
export function createLearnedScorer(
  prepared: PreparedCandidates,
  history: readonly HistoryItem[],
  interests: readonly string[],
  userVector: Float32Array | null,
  context: { now: Date; hour?: number },
  model: CompiledRankingModel,
  /** The request's memo of this reader (its `history` is `history`): facts computed once for all rankings. */
  memo?: ReaderMemo,
): LearnedScorer {
  const { articles, terms } = prepared.featureArticles();
  const reader = memo ? memo.facts(terms, interests, userVector) : buildReaderFacts(buildHistoryFacts(history, terms), interests, userVector);
  const featureContext = {
    now: context.now,
    hour: context.hour ?? context.now.getUTCHours(),
    weekday: context.now.getUTCDay(),
    position: SERVING_POSITION,
  };
  const row = new Float32Array(featureCount);
  const fill = (i: number) => {
    const c = prepared.items[i]!;
    writeFeatures(reader, articles[i]!, c.popularity, featureContext, row);
    return row;
  };
  return {
    score: (i) => model.score(fill(i)),
    explain(i) {
      const x = fill(i);
      const { contributions } = model.explain(x);
      return featureNames
        .map((feature, f) => ({ feature, value: x[f]!, contribution: contributions[f]! }))
        // Serving scores every candidate at one position: its term is the same for all, no reason for any.
        .filter((c) => c.contribution !== 0 && c.feature !== 'position')
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    },
  };
}
