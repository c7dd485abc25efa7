#!/usr/bin/env node
// `npm run demo`: sets up whatever is missing, then runs reader (:3000), admin (:3001) and worker on the
// embedded default (SQLite, in-process jobs). Ctrl-C stops all three.
import { setup } from './setup.mjs';
import { bin, startAll, step } from './lib.mjs';

const started = Date.now();
try {
  await setup({ env: 'demo' });
} catch (err) {
  console.error(`\nsetup failed: ${err.message}`);
  process.exit(err.exitCode ?? 1);
}
// The demo corpus is spread over the last 28 days (import --shift-to-now): a pool of 15,000 holds all of its
// 13,445 stories, so every section has depth. Feeds rank the whole pool (~4.5x the default 3,000 candidates).
const env = { LEDE_POOL_SIZE: process.env.LEDE_POOL_SIZE ?? '15000' };
step(`Ready after ${Math.round((Date.now() - started) / 1000)} s — reader http://localhost:3000, admin http://localhost:3001 (Ctrl-C stops)`);
startAll([
  { name: 'reader', cmd: 'npm', args: ['run', 'start', '-w', '@lede/reader'], color: 36, env },
  { name: 'admin', cmd: 'npm', args: ['run', 'start', '-w', '@lede/admin'], color: 35, env },
  { name: 'worker', cmd: bin('tsx'), args: ['apps/worker/src/main.ts'], color: 33, env },
]);
