import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

import { dbEnv, repoRoot } from './env';
import { PrismaClient as PgClient } from './generated/postgresql/client';
import { PrismaClient } from './generated/sqlite/client';
import { createSqliteAdapter } from './sqlite-busy';

/**
 * Both generated clients come from one schema (prisma/postgres is derived from prisma/schema.prisma), so their
 * APIs are identical; the SQLite client's type stands for both.
 */
export type Db = PrismaClient;
export type DbProvider = 'sqlite' | 'postgresql';

export function providerOf(url: string): DbProvider {
  return url.startsWith('file:') ? 'sqlite' : 'postgresql';
}

export function sqlitePath(url: string): string {
  return path.resolve(repoRoot, url.slice('file:'.length));
}

/**
 * SQLite serialises transactions on one connection; Prisma's default 2 s wait for a transaction slot fails
 * requests on a busy 2-core machine, so wait longer before giving up.
 */
const transactionOptions = { maxWait: 10_000, timeout: 30_000 };

/** SQLite lock waits: short attempts in SQLite (they block the event loop), retried asynchronously (`sqlite-busy.ts`). */
export interface SqliteBusyOptions {
  attemptMs?: number;
  totalMs?: number;
}

const closers = new WeakMap<Db, Set<() => void>>();

/**
 * Runs `stop` when `db` is closed with `closeDb`: for what reads this database on a timer (a feed's change
 * poller), so it does not outlive the client (a test's dropped database) and log failures to a closed one.
 */
export function onDbClose(db: Db, stop: () => void): void {
  let set = closers.get(db);
  if (!set) closers.set(db, (set = new Set()));
  set.add(stop);
}

/** Stops what `onDbClose` registered for `db`, then disconnects it. */
export async function closeDb(db: Db): Promise<void> {
  for (const stop of closers.get(db) ?? []) stop();
  closers.delete(db);
  await db.$disconnect();
}

/** Opens a client on `url` (default: DATABASE_URL, else the embedded SQLite file). */
export function createDb(url: string = dbEnv.DATABASE_URL, busy: SqliteBusyOptions = {}): Db {
  if (providerOf(url) === 'postgresql') {
    // Without timeouts a request waits for ever on a server that does not answer (the feed hung instead of
    // serving its fallback): 5 s to connect, 60 s for a statement (an import batch takes well under that).
    const pool = { connectionString: url, max: 10, connectionTimeoutMillis: 5_000, statement_timeout: 60_000 };
    const client = new PgClient({ adapter: new PrismaPg(pool), transactionOptions });
    // Same schema, same generated API: only the SQL dialect behind it differs.
    return client as unknown as Db;
  }
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const retry = { attemptMs: busy.attemptMs ?? dbEnv.LEDE_SQLITE_BUSY_TIMEOUT_MS, totalMs: busy.totalMs ?? dbEnv.LEDE_SQLITE_BUSY_RETRY_MS };
  enableWal(file, retry.totalMs);
  // Reader, admin and worker share the file: wait on a lock instead of failing with SQLITE_BUSY, but in short
  // synchronous attempts with asynchronous retries in between, so one process's lock never freezes another.
  return new PrismaClient({ adapter: createSqliteAdapter(file, retry), transactionOptions });
}

/**
 * WAL lets the apps read while the worker writes. The journal mode is stored in the file, so one short-lived
 * connection sets it for every later one (Prisma runs raw PRAGMAs inside a transaction, where SQLite refuses).
 */
function enableWal(file: string, timeout: number) {
  // Once per process at start-up, before any request: a synchronous wait is harmless here.
  const conn = new Database(file, { timeout });
  try {
    conn.pragma('journal_mode = WAL');
  } finally {
    conn.close();
  }
}

let shared: Db | undefined;

/** The process-wide client for DATABASE_URL. */
export function getDb(): Db {
  shared ??= createDb();
  return shared;
}
