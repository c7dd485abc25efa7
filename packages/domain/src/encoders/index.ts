export * from './config';
export * from './embed-articles';
export * from './serving';
export * from './status';
export * from './switch';
