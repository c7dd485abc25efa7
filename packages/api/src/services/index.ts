// Services for the worker and CLIs (apps import the router from '@lede/api' instead).
export { seedAdmin } from './auth';
export { embedMissingArticles, getEncoder } from './embeddings';
export { evaluateMind, rankerNames, type EvaluationResult, type RankerName } from './evaluation';
export { createProgressReporter, ImportError, importPath, type ImportSummary } from './import';
export { simulateReaders, type SimulateOptions, type SimulateSummary } from './simulator';
export { readEncoderConfig, readModelsDir, type EncoderConfig, type TEncoderDtype } from './encoder-config';
export { readServingEncoder } from './models-serving';
export { readSystemStatus } from './models-status';
export { runEmbedArticlesJob, switchEncoder, type SwitchResult } from './models-switch';
export { CHANGE_CHANNELS, changeBus, type ChangeBus } from './change-bus';
export { configureFeed } from './runtime';
export { aggregateDailyMetrics, readDailyMetrics } from './metrics';
export * from './training';
export { createLogger, type Logger } from '../logger';
export { ensureBaselineVersion } from './model-admin';
