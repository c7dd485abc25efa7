// The migration runner lives in scripts/prisma.mjs (setup runs it before anything is built); this is the typed
// entry point for TypeScript callers: tests, setup and eval's scratch databases.
import { migrateDeploy } from '../scripts/prisma.mjs';

/** Applies pending migrations to `url`; returns the names of the migrations applied. */
export function migrateDatabase(url: string): Promise<string[]> {
  return migrateDeploy(url);
}
