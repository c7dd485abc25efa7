// Services for the worker and CLIs (apps import the router from '@lede/api' instead).
export { seedAdmin } from './auth';
export { embedMissingArticles, getEncoder } from './embeddings';
export {
  encodeUsersByAttention,
  evaluateMind,
  evaluateRankers,
  findSuiteFailures,
  formatSuiteTable,
  prepareMindSession,
  rankerNames,
  runEvaluationSuite,
  trainRankingOnLog,
  type EvaluationResult,
  type MindSession,
  type RankerName,
} from './evaluation';
export { createProgressReporter, ImportError, importPath, type ImportSummary } from './import';
export { regimeNames, simulateReaders, type RegimeName, type SimulateOptions, type SimulateSummary } from './simulator';
export { readEncoderConfig, readModelsDir, type EncoderConfig, type TEncoderDtype } from './encoder-config';
export { readServingEncoder } from './models-serving';
export { readSystemStatus } from './models-status';
export { runEmbedArticlesJob, switchEncoder, type SwitchResult } from './models-switch';
export { configureFeed } from './runtime';
export { aggregateDailyMetrics, readDailyMetrics } from './metrics';
export * from './training';
export { createLogger, type Logger } from '../logger';
export { ensureBaselineVersion } from './model-admin';
export { defaultRankingModelPath, readRankingModel, writeRankingModel } from './ranking-models';
