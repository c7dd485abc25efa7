// The encoder (and with it onnxruntime) lives behind "@lede/ranking/encoder"; only its pure helpers are here.
export { bytesToVector, vectorToBytes } from './encoder/vector-bytes.js';
export { encodeText } from './encoder/encode-text.js';
export {
  computeAuc,
  computeCatalogueCoverage,
  computeCtr,
  computeIntraListDiversity,
  computeMrr,
  computeNdcg,
  computeNovelty,
  computeRecallAtK,
  evaluateImpressions,
  rankByScore,
  scoreImpression,
  type ImpressionResult,
  type MindEvaluation,
  type MindMetrics,
} from './metrics.js';
export { defaultRankingConfig, rankByFreshnessPopularity, rankCandidates, resolveConfig } from './rank.js';
export { notInterestedCategoryFactor } from './rerank.js';
export {
  categoryAffinityPrior,
  computeCategoryAffinity,
  computeFreshness,
  computePopularity,
  defaultCalibration,
  popularityPrior,
} from './score.js';
export type {
  BecauseItem,
  CandidateArticle,
  HistoryItem,
  NotInterestedItem,
  RankContext,
  RankedItem,
  RankingConfig,
  RankingWeights,
  ReaderProfile,
  ScoreComponents,
  SemanticCalibration,
  UserModel,
} from './types.js';
export {
  buildColdStartVector,
  buildUserVector,
  defaultUserVectorOptions,
  type UserVector,
  type UserVectorOptions,
  type UserVectorSource,
} from './user-vector.js';
export { computeCosine, computeDot, normalizeVector } from './vector-math.js';
