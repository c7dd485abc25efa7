// The encoder (and with it onnxruntime) lives behind "@lede/ranking/encoder"; only its pure helpers are here.
export { bytesToVector, vectorToBytes } from './encoder/vector-bytes';
export { encodeText } from './encoder/encode-text';
// Offline and online metrics (AUC, MRR, nDCG, recall, CTR, coverage, diversity, novelty): all of the module is public.
export * from './metrics/metrics';
export { prepareCandidates, type PreparedCandidates } from './scoring/prepared';
export { defaultRankingConfig, rankByFreshnessPopularity, rankCandidates, resolveConfig } from './rank/rank';
export { ReaderMemo } from './rank/reader-memo';
export { notInterestedCategoryFactor, selectWithMmr } from './rank/rerank';
export {
  categoryAffinityPrior,
  computeCategoryAffinity,
  computeFreshness,
  computePopularity,
  defaultCalibration,
  popularityPrior,
  type ScoredCandidate,
} from './scoring/score';
export { createLearnedScorer, type LearnedScorer } from './scoring/learned-score';
export type {
  BecauseItem,
  CandidateArticle,
  FeatureContribution,
  HistoryItem,
  NotInterestedItem,
  RankContext,
  RankedItem,
  RankingConfig,
  RankingWeights,
  ReaderProfile,
  ScoreComponents,
  SemanticCalibration,
  ShownItem,
  UserModel,
} from './types';
export {
  buildColdStartVector,
  buildUserVector,
  defaultUserVectorOptions,
  type UserVector,
  type UserVectorOptions,
  type UserVectorSource,
} from './scoring/user-vector';
export { computeCosine, computeDot, computeSigmoid, normalizeVector } from './vector-math';
export * from './features/index';
export * from './ltr/index';
