export * from './account';
export * from './auth';
export * from './events';
export * from './events.schema';
export * from './onboarding';
export * from './library';
export * from './reader-id';
export * from './password-reset';
