export * from './articles';
export * from './audit';
export * from './editorial';
export { announceEditorialChange, bumpEditorialVersion, createEditorialChangeSignal, type ChangeSignal } from './editorial-changes';
export { runImportJob, stripServerPaths } from './import-job';
export * from './inspector';
export * from './uploads';
