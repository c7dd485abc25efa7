#!/usr/bin/env node
// Brings a checkout to a runnable state, doing only what is missing: npm dependencies, Prisma clients,
// database migrations, demo data (articles, simulated readers and clicks, vectors, metrics), the seeded
// admin, and production builds of both apps.
//
//   node scripts/setup.mjs                 the demo database (DATABASE_URL, default data/lede.db)
//   node scripts/setup.mjs --env e2e       a fresh, small data folder for the browser tests (data/e2e/:
//                                         database, uploads, admin password; the demo's data/ stays untouched)
//                                         E2E_DATABASE_URL=postgresql://…/NAME: the e2e database is that one,
//                                         dropped and created afresh (and REDIS_URL's database flushed), for
//                                         the browser suite against the scale deployment (`npm run scale`)
//   node scripts/setup.mjs --skip-build    everything but `next build`
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { bin, ensureDependencies, root, run, step } from './lib.mjs';

export async function setup({ env = 'demo', build = true } = {}) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) throw new Error(`Lede needs Node.js ≥ 20.19 (this is ${process.versions.node})`);

  ensureDependencies();
  if (!fs.existsSync(path.join(root, 'packages/db/src/generated/postgresql/client.ts'))) {
    step('Generating Prisma clients');
    run('node', ['packages/db/scripts/prisma.mjs', 'generate']);
  }

  const dbEnv = {};
  if (env === 'e2e') {
    const dir = path.join(root, 'data', 'e2e');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    dbEnv.LEDE_DATA_DIR = dir;
    dbEnv.DATABASE_URL = process.env.E2E_DATABASE_URL ?? `file:${path.join(dir, 'lede.db')}`;
    if (/^postgres(ql)?:/.test(dbEnv.DATABASE_URL)) {
      await recreatePostgresDatabase(dbEnv.DATABASE_URL);
      if (process.env.REDIS_URL) await flushRedis(process.env.REDIS_URL);
    }
  }
  step(`Migrating the database (${dbEnv.DATABASE_URL ?? process.env.DATABASE_URL ?? 'data/lede.db'})`);
  run('node', ['packages/db/scripts/prisma.mjs', 'migrate'], { env: dbEnv });

  step('Preparing data (imports and simulations only run when missing)');
  run(bin('tsx'), ['apps/worker/src/cli/prepare.ts', '--profile', env], { env: dbEnv });

  if (build) {
    step('Building the reader and admin apps');
    run(bin('turbo'), ['run', 'build', '--filter=@lede/reader', '--filter=@lede/admin', '--output-logs=errors-only']);
  }
}

/** Drops and creates the database of `url` through the server's maintenance database (trust or password in the URL). */
async function recreatePostgresDatabase(url) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`E2E_DATABASE_URL: database name "${name}" must be lower-case letters, digits and _`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    step(`Recreating PostgreSQL database ${name}`);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** Empties the Redis database of `url`: queued jobs and bus state of an earlier run must not leak into this one. */
async function flushRedis(url) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'scripts', 'setup.mjs')) {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'demo' }, 'skip-build': { type: 'boolean', default: false } } });
  setup({ env: values.env, build: !values['skip-build'] }).catch((err) => {
    console.error(`\nsetup failed: ${err.message}`);
    process.exit(err.exitCode ?? 1);
  });
}
