export * from './articles';
export * from './audit';
export * from './editorial';
export * from './inspector';
export * from './uploads';
