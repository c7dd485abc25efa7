export { loadClickData, toClickImpressions, type ClickData, type LoggedImpression } from './dataset';
export { executeTrainingRun, type ExecuteOptions } from './execute';
export { defaultFitParams, fitUserModel, type FitParams } from './fit';
export { evaluateHeldOut, type HeldOutReport } from './held-out';
export { defaultTrainingDirs, defaultTrainingParams, ZTrainingParams, type TrainingDirs, type TrainingProgress, type TTrainingParams, type TTrainingParamsInput } from './hyperparameters';
export {
  acquireRunLease,
  cancelTrainingRun,
  claimAbandonedRuns,
  claimQueuedRun,
  createWorkerId,
  executeUnderLease,
  getTrainingRun,
  listTrainingRuns,
  renewRunLease,
  RUN_LEASE_MS,
  startTrainingRun,
  type TrainingRunRow,
} from './runs';
export { canAutoPromote, type AutoPromoteDecision, type GuardMetrics } from './nightly/auto-promote';
export { AUTO_PROMOTE_DECISION, listRetrainingDecisions, runRetrainingSchedule, SCHEDULED_RUN, type RetrainingOptions, type RetrainingTick } from './nightly/schedule';
export { compareTrainingRuns } from './compare';
