#!/usr/bin/env node
// `npm test`: every test, installing what it needs first.
//   1. typecheck + lint
//   2. unit and database tests on SQLite (Vitest, all packages)
//   3. database and job-queue tests again on PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)
//   4. browser tests (Playwright + Debian's Chromium) against production builds of both apps
//   5. the browser tests again against the scale deployment (`npm run scale`: two reader processes behind a
//      round-robin front, the admin, two workers) on PostgreSQL + Redis
// Ends with one line "N passed, N failed" over all test runs; exits non-zero if anything failed.
import fs from 'node:fs';
import path from 'node:path';

import { bin, ensureAptPackages, ensureDependencies, has, portOpen, root, run, step, tryRun } from './lib.mjs';

const ci = Boolean(process.env.CI);
const results = path.join(root, '.test-results');
fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });

ensureDependencies();
ensureAptPackages([['chromium', '/usr/bin/chromium']]);
if (!fs.existsSync(path.join(root, 'packages/db/src/generated/postgresql/client.ts'))) {
  run('node', ['packages/db/scripts/prisma.mjs', 'generate']);
}

async function ensureService(name, port, start) {
  if (await portOpen(port)) return true;
  if (start()) {
    for (let i = 0; i < 20 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 500));
  }
  const ok = await portOpen(port);
  if (!ok) console.warn(`${name} is not reachable on 127.0.0.1:${port}${ci ? '' : ': skipping its tests'}`);
  return ok;
}
const pgUp = await ensureService('PostgreSQL', 5432, () =>
  has('pg_ctlcluster') && tryRun('sh', ['-c', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -1) main start']),
);
const redisUp = await ensureService('Redis', 6379, () =>
  has('redis-server') && tryRun('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no']),
);
if (ci && (!pgUp || !redisUp)) {
  console.error('CI needs PostgreSQL and Redis for the database and queue tests');
  process.exit(1);
}

const stages = [];
function stage(name, fn) {
  step(name);
  const ok = fn();
  stages.push({ name, ok });
  return ok;
}

stage('Typecheck and lint', () => tryRun(bin('turbo'), ['run', 'typecheck', 'lint', '--output-logs=errors-only']));

const vitest = (name, env, args = []) =>
  stage(name, () =>
    tryRun(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, `${env.TEST_DB}.json`)}`, ...args], {
      env: { ...env, TEST_REDIS: redisUp ? '1' : '0' },
    }),
  );
vitest('Unit and database tests (SQLite)', { TEST_DB: 'sqlite' });
if (pgUp) {
  vitest('Database tests (PostgreSQL)', { TEST_DB: 'postgresql' }, ['--project', '@lede/db', '--project', '@lede/domain', '--project', '@lede/api']);
}

stage('Browser tests (Playwright, Chromium)', () => {
  if (!tryRun(bin('turbo'), ['run', 'build', '--filter=@lede/reader', '--filter=@lede/admin', '--output-logs=errors-only'])) return false;
  return tryRun(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, 'e2e.json') },
  });
});
if (pgUp && redisUp) {
  stage('Browser tests on the scale deployment (2 reader processes, admin, 2 workers; PostgreSQL + Redis)', () =>
    tryRun(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], {
      env: { E2E_SCALE: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, 'e2e-scale.json') },
    }),
  );
}

// One closing line over every runner's counts.
let passed = 0;
let failed = 0;
for (const file of fs.readdirSync(results)) {
  const report = JSON.parse(fs.readFileSync(path.join(results, file), 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else if (report.stats) {
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
  }
}
const failedStages = stages.filter((s) => !s.ok).map((s) => s.name);
if (failedStages.length) console.error(`\nFailed: ${failedStages.join('; ')}`);
if (failedStages.length && failed === 0) failed = failedStages.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedStages.length ? 1 : 0);
