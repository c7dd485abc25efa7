import {
  computePopularity,
  rankCandidates,
  type CandidateArticle,
  type HistoryItem,
  type RankingConfig,
  type UserModel,
} from '@lede/ranking';

/** `lede`: the product ranking with the user model fine-tuned on the train period; `lede-untrained`: the same
 * ranking with the untrained attention pooling. */
export const rankerNames = ['lede', 'lede-untrained', 'popularity', 'recency', 'random'] as const;
export type RankerName = (typeof rankerNames)[number];

export interface EvalImpression {
  time: Date;
  history: HistoryItem[];
  candidates: CandidateArticle[];
  /** This reader's user model, the vector already computed (ONNX Runtime runs batched, ahead of ranking). */
  userModel?: UserModel;
}

/** Scores for the candidates, in candidate order: higher ranks first. */
export type Ranker = (impression: EvalImpression) => number[];

/** mulberry32: a seeded PRNG, so the random baseline is reproducible. */
function createRng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRanker(name: RankerName, opts: { seed?: number; config?: Partial<RankingConfig> } = {}): Ranker {
  switch (name) {
    case 'random': {
      const rng = createRng(opts.seed ?? 1);
      return ({ candidates }) => candidates.map(() => rng());
    }
    case 'recency':
      return ({ candidates }) => candidates.map((c) => c.publishedAt.getTime());
    case 'popularity':
      return ({ candidates }) => candidates.map((c) => computePopularity(c.popularity));
    case 'lede':
    case 'lede-untrained':
      // The product's ranking, whole: every candidate is ranked (nothing filtered as seen), then the order
      // becomes the score. Candidates without vectors still rank on their other signals.
      return ({ time, history, candidates, userModel }) => {
        const ranked = rankCandidates(
          { interests: [], history, notInterested: [], seen: new Set() },
          candidates,
          { now: time, hour: time.getHours() },
          { ...opts.config, ...(name === 'lede' && userModel ? { userModel } : {}), limit: candidates.length },
        );
        const position = new Map(ranked.map((r, i) => [r.articleId, i]));
        return candidates.map((c) => candidates.length - (position.get(c.id) ?? candidates.length));
      };
  }
}
