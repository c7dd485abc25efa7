export { closeDb, createDb, getDb, onDbClose, providerOf, sqlitePath, type Db, type DbProvider } from './client';
export { dataDir, dbEnv, repoRoot } from './env';
export { ArticleStatus, EventType, ModelStatus, Prisma, Role, RunStatus } from './generated/sqlite/client';
export type {
  Article,
  ArticleVector,
  AuditLog,
  DailyMetric,
  Impression,
  ModelVersion,
  ReaderEvent,
  Session,
  TrainingRun,
  User,
} from './generated/sqlite/client';
