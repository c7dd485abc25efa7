export * from './articles';
export * from './audit';
export * from './editorial';
export * from './inspector';
export * from './uploads';
export * from './overview';
export * from './reader-list';
export * from './bulk-editorial';
