export * from './promotion';
export * from './traffic-split';
