import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
type Tx = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Adapter['queryRaw']>[0];

export interface BusyRetry {
  /** How long one attempt lets SQLite wait for a lock (better-sqlite3's `timeout`): it blocks the event loop. */
  attemptMs: number;
  /** Bound on the whole wait of one statement, retries included; then the SQLITE_BUSY error is thrown. */
  totalMs: number;
}

/** SQLITE_BUSY (and its extended codes but SQLITE_BUSY_SNAPSHOT, which no wait resolves: the transaction must restart). */
export function isSqliteBusy(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { originalCode?: unknown } } | null;
  const code = typeof e?.cause?.originalCode === 'string' ? e.cause.originalCode : typeof e?.code === 'string' ? e.code : '';
  return code.startsWith('SQLITE_BUSY') && code !== 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * Runs `fn` again while it fails with SQLITE_BUSY, sleeping between attempts (5 ms doubling to 200 ms, with
 * jitter) on a timer, so the event loop serves other requests while another connection holds the lock.
 */
export async function retryOnBusy<T>(fn: () => Promise<T>, { totalMs }: Pick<BusyRetry, 'totalMs'>): Promise<T> {
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isSqliteBusy(err)) throw err;
      const wait = Math.min(delay, 200) * (0.5 + Math.random() / 2);
      if (Date.now() - started + wait > totalMs) throw err;
      await new Promise((r) => setTimeout(r, wait));
      delay *= 2;
    }
  }
}

/**
 * better-sqlite3 is synchronous: a busy timeout of 15 s froze the whole process (every reader's request) while
 * the worker held the write lock. Here each attempt waits at most `attemptMs` in SQLite, and a statement that
 * finds the database locked is retried after an asynchronous backoff, within `totalMs` in all. Statements outside
 * a transaction are atomic, so a retry repeats nothing. Inside a transaction a statement is retried the same way
 * (SQLITE_BUSY leaves the transaction as it was); SQLITE_BUSY_SNAPSHOT is not retried.
 */
export function createSqliteAdapter(file: string, retry: BusyRetry) {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: retry.attemptMs });
  const again = <T>(fn: () => Promise<T>) => retryOnBusy(fn, retry);
  const wrapTx = (tx: Tx): Tx => ({
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q: Query) => again(() => tx.queryRaw(q)),
    executeRaw: (q: Query) => again(() => tx.executeRaw(q)),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
    ...(tx.createSavepoint ? { createSavepoint: (name: string) => again(() => tx.createSavepoint!(name)) } : {}),
    ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: (name: string) => again(() => tx.rollbackToSavepoint!(name)) } : {}),
    ...(tx.releaseSavepoint ? { releaseSavepoint: (name: string) => again(() => tx.releaseSavepoint!(name)) } : {}),
  });
  const wrap = (a: Adapter): Adapter => ({
    provider: a.provider,
    adapterName: a.adapterName,
    queryRaw: (q) => again(() => a.queryRaw(q)),
    executeRaw: (q) => again(() => a.executeRaw(q)),
    // A script is several statements: not retried, since a retry could repeat the ones that ran.
    executeScript: (script) => a.executeScript(script),
    startTransaction: async (level) => wrapTx(await a.startTransaction(level)),
    dispose: () => a.dispose(),
    ...(a.getConnectionInfo ? { getConnectionInfo: () => a.getConnectionInfo!() } : {}),
  });
  return {
    provider: 'sqlite' as const,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  };
}
