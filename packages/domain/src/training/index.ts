export { loadClickData, toClickImpressions, type ClickData, type LoggedImpression } from './dataset';
export { executeTrainingRun, type ExecuteOptions } from './execute';
export { defaultFitParams, fitUserModel, type FitParams } from './fit';
export { evaluateHeldOut, type HeldOutReport } from './held-out';
export { defaultTrainingDirs, defaultTrainingParams, ZTrainingParams, type TrainingDirs, type TrainingProgress, type TTrainingParams, type TTrainingParamsInput } from './hyperparameters';
export { cancelTrainingRun, claimQueuedRun, findInterruptedRuns, getTrainingRun, listTrainingRuns, startTrainingRun, type TrainingRunRow } from './runs';
