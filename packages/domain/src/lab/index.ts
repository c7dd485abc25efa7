export * from './evaluation';
export * from './simulator';
