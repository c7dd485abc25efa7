// Retrieval over the whole freshness window. Behind "@lede/ranking/retrieval" because it loads a native addon
// (usearch), which the main entry point's users (the apps' client code, tests of scoring) do not need.
export { runRetrievalBench, type RetrievalBenchRow, type RetrievalEngine } from '../bench/retrieval-bench';
export { runCategoryScanBench, type CategoryScanBenchRow } from '../bench/category-scan-bench';
export { generateClusteredVectors, generateQueries } from './synthetic';
export { UsearchIndex, type IndexPrecision, type UsearchOptions } from './usearch-index';
export { defaultRetrievalBudget, type RetrievalBudget } from './budget';
export { CandidateIndex, type RetrievalQuery, type Retrieved } from './candidate-index';
export { ExactIndex, searchRescored, TopK, type VectorIndex } from './vector-index';
