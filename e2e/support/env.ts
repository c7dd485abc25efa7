import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Ports of the apps under test: 3000 / 3001 unless E2E_READER_PORT / E2E_ADMIN_PORT say otherwise (a shared machine). */
export const READER_PORT = Number(process.env.E2E_READER_PORT ?? 3000);
export const ADMIN_PORT = Number(process.env.E2E_ADMIN_PORT ?? 3001);
export const READER_URL = `http://localhost:${READER_PORT}`;
export const ADMIN_URL = `http://localhost:${ADMIN_PORT}`;
export const ADMIN_EMAIL = 'admin@lede.local';
export const ADMIN_PASSWORD = process.env.LEDE_ADMIN_PASSWORD ?? 'e2e-admin-password';
/** The browser suite's own data folder (database, uploads, admin password): the demo's files stay untouched. */
export const E2E_DATA_DIR = path.join(root, 'data', 'e2e');
/**
 * E2E_SCALE=1 runs the suite against the scale deployment (`npm run scale`: two reader processes behind a
 * round-robin front, the admin and two workers) on PostgreSQL and Redis instead of one process of each app on
 * SQLite. Its database (`lede_e2e`, dropped and created by setup) and Redis database (12, flushed) are its own.
 */
export const E2E_SCALE = process.env.E2E_SCALE === '1';
export const E2E_DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? (E2E_SCALE ? 'postgresql://postgres@127.0.0.1:5432/lede_e2e' : `file:${path.join(E2E_DATA_DIR, 'lede.db')}`);
export const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/12';

export const ARTIFACTS = path.join(root, 'e2e', 'artifacts');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** Today's UTC day, the key the metrics tables use. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
