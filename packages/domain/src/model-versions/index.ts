export * from './promotion';
export * from './traffic-split';
export * from './ranking-models';
