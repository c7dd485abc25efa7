import {
  computePopularity,
  rankCandidates,
  type CandidateArticle,
  type HistoryItem,
  type RankingConfig,
  type UserModel,
} from '@lede/ranking';
import { createRng } from '@lede/ranking/training';

/** `blend`: the hand-weighted blend Lede served before its ranking model, with the user model fine-tuned on the
 * train period; `blend-untrained`: the same with the untrained attention pooling. Kept as references. */
export const scoreRankerNames = ['blend', 'blend-untrained', 'popularity', 'recency', 'random'] as const;
export type ScoreRankerName = (typeof scoreRankerNames)[number];

export interface EvalImpression {
  time: Date;
  history: HistoryItem[];
  candidates: CandidateArticle[];
  /** This reader's user model, the vector already computed (ONNX Runtime runs batched, ahead of ranking). */
  userModel?: UserModel;
}

/** Scores for the candidates, in candidate order: higher ranks first. */
export type Ranker = (impression: EvalImpression) => number[];

export function createRanker(name: ScoreRankerName, opts: { seed?: number; config?: Partial<RankingConfig> } = {}): Ranker {
  switch (name) {
    case 'random': {
      const rng = createRng(opts.seed ?? 1);
      return ({ candidates }) => candidates.map(() => rng());
    }
    case 'recency':
      return ({ candidates }) => candidates.map((c) => c.publishedAt.getTime());
    case 'popularity':
      return ({ candidates }) => candidates.map((c) => computePopularity(c.popularity));
    case 'blend':
    case 'blend-untrained':
      // The product's ranking, whole: every candidate is ranked (nothing filtered as seen), then the order
      // becomes the score. Candidates without vectors still rank on their other signals.
      return ({ time, history, candidates, userModel }) => {
        const ranked = rankCandidates(
          { interests: [], history, notInterested: [], seen: new Set() },
          candidates,
          { now: time, hour: time.getHours() },
          { ...opts.config, ...(name === 'blend' && userModel ? { userModel } : {}), limit: candidates.length },
        );
        const position = new Map(ranked.map((r, i) => [r.articleId, i]));
        return candidates.map((c) => candidates.length - (position.get(c.id) ?? candidates.length));
      };
  }
}
