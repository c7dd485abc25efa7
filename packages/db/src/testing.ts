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

/** A fresh, migrated, empty database of its own for one test file. */
export async function createTestDb(provider: DbProvider = testProvider()): Promise<TestDb> {
  const name = `lede_test_${crypto.randomBytes(6).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-test-'));
    const url = `file:${path.join(dir, `${name}.db`)}`;
    await migrateDatabase(url);
    const db = createDb(url);
    return {
      db,
      url,
      provider,
      drop: async () => {
        await db.$disconnect();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const base = new URL(adminUrl());
  base.pathname = `/${name}`;
  const url = base.toString();
  await migrateDatabase(url);
  const db = createDb(url);
  return {
    db,
    url,
    provider,
    drop: async () => {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
