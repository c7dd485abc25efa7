export * from './demo-clock';
export * from './env';
export * from './errors';
export * from './logger';
export * from './settings';
export * from './rate-limits';
export * from './change-bus';
