import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { createDb, type Db, type DbProvider } from './client';
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

/** A fresh, migrated, empty database of its own for one test file. */
export async function createTestDb(provider: DbProvider = testProvider()): Promise<TestDb> {
  const name = `lede_test_${crypto.randomBytes(6).toString('hex')}`;
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
      await db.$disconnect();
      await remove();
    },
  };
}
