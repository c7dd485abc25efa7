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
step(`Ready after ${Math.round((Date.now() - started) / 1000)} s — reader http://localhost:3000, admin http://localhost:3001 (Ctrl-C stops)`);
startAll([
  { name: 'reader', cmd: 'npm', args: ['run', 'start', '-w', '@lede/reader'], color: 36 },
  { name: 'admin', cmd: 'npm', args: ['run', 'start', '-w', '@lede/admin'], color: 35 },
  { name: 'worker', cmd: bin('tsx'), args: ['apps/worker/src/main.ts'], color: 33 },
]);
