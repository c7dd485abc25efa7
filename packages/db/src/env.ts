import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root: packages/db/src -> ../../.. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where a running Lede keeps its files: the default SQLite database, uploads, the admin password file,
 * simulations, checkpoints and trained weights. Tests and the browser suite point it elsewhere
 * (`LEDE_DATA_DIR`), so they never write into the demo's files.
 */
export const dataDir = z
  .string()
  .min(1)
  .default(path.join(repoRoot, 'data'))
  .transform((d) => path.resolve(repoRoot, d))
  .parse(process.env.LEDE_DATA_DIR);

const ZDbEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'DATABASE_URL must be file:… (SQLite) or postgresql://…')
    .default(`file:${path.join(dataDir, 'lede.db')}`),
  /**
   * SQLite only. How long one attempt waits in SQLite for another connection's lock; better-sqlite3 is
   * synchronous, so this blocks the process's event loop: keep it short.
   */
  LEDE_SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(1_000).default(10),
  /** SQLite only. A statement that finds the database locked is retried (asynchronous backoff) for up to this long in all. */
  LEDE_SQLITE_BUSY_RETRY_MS: z.coerce.number().int().min(0).default(15_000),
});

export const dbEnv = ZDbEnv.parse(process.env);
