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
export const E2E_DATABASE_URL = `file:${path.join(E2E_DATA_DIR, 'lede.db')}`;

export const ARTIFACTS = path.join(root, 'e2e', 'artifacts');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** Today's UTC day, the key the metrics tables use. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
