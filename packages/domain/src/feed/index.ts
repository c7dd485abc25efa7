export * from './candidate-pool';
export * from './configure-feed';
export * from './list';
export * from './reader-profile';
export * from './related';
export * from './search';
export * from './seen';
