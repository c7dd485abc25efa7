export { compileRankingModel, type CompiledRankingModel, type RankingModel, type RankingTree } from './model';
export { type RankingObjective } from './lambda';
export {
  defaultRankingTrainParams,
  sliceGroups,
  trainRankingModel,
  type RankingDataset,
  type RankingTrainParams,
  type RankingTrainProgress,
  type RankingTrainResult,
} from './train';
