#!/usr/bin/env node
// Brings a checkout to a runnable state, doing only what is missing: npm dependencies, Prisma clients,
// database migrations, demo data (articles, simulated readers and clicks, vectors, metrics), the seeded
// admin, and production builds of both apps.
//
//   node scripts/setup.mjs                 the demo database (DATABASE_URL, default data/lede.db)
//   node scripts/setup.mjs --env e2e       a fresh, small data folder for the browser tests (data/e2e/:
//                                         database, uploads, admin password; the demo's data/ stays untouched)
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
    dbEnv.DATABASE_URL = `file:${path.join(dir, 'lede.db')}`;
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

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'scripts', 'setup.mjs')) {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'demo' }, 'skip-build': { type: 'boolean', default: false } } });
  setup({ env: values.env, build: !values['skip-build'] }).catch((err) => {
    console.error(`\nsetup failed: ${err.message}`);
    process.exit(err.exitCode ?? 1);
  });
}
