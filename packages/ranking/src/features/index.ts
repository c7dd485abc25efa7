export {
  buildReaderFacts,
  featureCount,
  RECENT_CLICKS,
  SHOWN_LIMIT,
  writeFeatures,
  type FeatureArticle,
  type FeatureContext,
  type HistoryFact,
  type PopularityFacts,
  type ReaderFacts,
  type ShownFact,
} from './compute';
export { buildLogRows, type LogArticle, type LogImpression, type LogRowOptions, type LogRows } from './log-rows';
export { featureIndex, featureLabels, featureNames, MISSING, semanticFeatures, SERVING_POSITION, type FeatureName } from './names';
export { countRecentReaders, PopularityLog } from './popularity';
export { buildKeywordProfile, computeTermCosine, countTerms, TermStats, tokenizeText, type TermVector } from './terms';
