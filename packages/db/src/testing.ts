import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import pg from 'pg';

import { closeDb, createDb, type Db, type DbProvider } from './client';
import { migrateDatabase } from './migrate';

export interface TestDb {
  db: Db;
  url: string;
  provider: DbProvider;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

/** The backend database tests run against: TEST_DB=postgresql (server at POSTGRES_URL) or sqlite (default). */
export function testProvider(): DbProvider {
  return process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';
}

const adminUrl = () => process.env.POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on the PostgreSQL server's maintenance database (CREATE/DROP DATABASE). */
async function runOnServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated, empty database of its own for one test file (`prefix`: benchmarks name theirs apart). */
export async function createTestDb(provider: DbProvider = testProvider(), prefix = 'lede_test'): Promise<TestDb> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  let url: string;
  let remove: () => Promise<void>;
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-test-'));
    url = `file:${path.join(dir, `${name}.db`)}`;
    remove = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    await runOnServer(`CREATE DATABASE ${name}`);
    const base = new URL(adminUrl());
    base.pathname = `/${name}`;
    url = base.toString();
    remove = () => runOnServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await migrateDatabase(url);
  const db = createDb(url);
  return {
    db,
    url,
    provider,
    drop: async () => {
      await closeDb(db);
      await remove();
    },
  };
}

/**
 * Another connection (as another process's would: a worker import) holding the SQLite write lock of `file`
 * for `ms`, from a worker thread. Resolves once the lock is held; `released` once it is let go.
 */
export function holdSqliteWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const db = new (require('better-sqlite3'))(workerData.file);
    db.exec('BEGIN IMMEDIATE');
    parentPort.postMessage('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
    db.exec('COMMIT');
    db.close();
    parentPort.postMessage('released');`;
  const worker = new Worker(code, { eval: true, workerData: { file, ms } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve({ released: new Promise((r) => worker.once('message', () => r())) }));
  });
}
