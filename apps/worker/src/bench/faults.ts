// `npm run bench -- faults`: starts real processes and kills them. Each check prints what it saw:
//  - reader-kill: the reader app (production build) is killed with SIGKILL while readers send click batches;
//    every event whose batch got a 2xx must be in the database.
//  - worker-kill-import: the worker (PostgreSQL + Redis/BullMQ) is killed with SIGKILL in the middle of an
//    upload's import and started again; the import must finish exactly once (one `upload.import.succeeded`
//    audit entry, every article once) after BullMQ hands the stalled job to the new worker.
//  - redis-outage (opt-in, unfinished): Redis is cut off through a TCP proxy this process controls (the system Redis is never
//    stopped); an upload must be refused with 503 at once, and an import queued after Redis is back must run once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { createDb, repoRoot } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import { createTestDb } from '@lede/db/testing';
import { BullMqQueue } from '@lede/domain/jobs';
import { importPath } from '@lede/domain/ingest';
import { startUploadImport } from '@lede/domain/newsroom';
import { apiEnv, AppError, SECOND_MS } from '@lede/domain/shared';

import { type Proc, sleep, startApp, startWorker, stop, waitForHttp } from './procs';
import { redisDb } from './soak';

export interface FaultCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const corpus = () => path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl');

/** The first `n` demo articles, their ids prefixed so they are new to any database. */
function demoLines(n: number, prefix: string): string[] {
  const lines = fs.readFileSync(corpus(), 'utf8').split('\n').filter(Boolean);
  return Array.from({ length: n }, (_, i) => lines[i % lines.length]!.replace(/"id": "([^"]+)"/, `"id": "${prefix}${i}-$1"`));
}

export async function readerKill(seconds = 4): Promise<FaultCheck> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-fault-reader-'));
  const url = `file:${path.join(dataDir, 'lede.db')}`;
  await migrateDatabase(url);
  const db = createDb(url);
  const file = path.join(dataDir, 'seed.jsonl');
  fs.writeFileSync(file, demoLines(300, 'fault-').join('\n'));
  await importPath(db, file);
  const ids = (await db.article.findMany({ select: { id: true } })).map((a) => a.id);
  const reader = startApp('reader', 3100 + crypto.randomInt(400), { DATABASE_URL: url, LEDE_DATA_DIR: dataDir });
  try {
    await waitForHttp(reader);
    const R = `http://127.0.0.1:${reader.port}`;
    const cookies: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${R}/api/trpc/health.ping`);
      await res.arrayBuffer();
      cookies.push(`lede_rid=${/lede_rid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? ''}`);
    }
    const acknowledged: string[] = [];
    let failed = 0;
    const statuses: Record<string, number> = {};
    let killed = false;
    const send = async (c: number) => {
      while (!killed) {
        const batch = Array.from({ length: 5 }, () => ({ clientEventId: crypto.randomUUID(), type: 'CLICK', articleId: ids[crypto.randomInt(ids.length)]! }));
        try {
          const res = await fetch(`${R}/api/events`, { method: 'POST', body: JSON.stringify({ events: batch }), headers: { cookie: cookies[c]!, 'content-type': 'text/plain', origin: R } });
          await res.arrayBuffer();
          if (res.ok) acknowledged.push(...batch.map((e) => `${cookies[c]!.slice('lede_rid='.length)}:${e.clientEventId}`)); // stored as readerId:clientEventId
          else statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        } catch {
          failed += 1; // the connection died with the process: not acknowledged
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, c) => send(c));
    // Kill mid-stream: after `seconds`, once some batches were acknowledged (a loaded machine answers slowly).
    const until = Date.now() + 90 * SECOND_MS;
    await sleep(seconds * SECOND_MS);
    while (acknowledged.length < 200 && Date.now() < until) await sleep(100);
    reader.child.kill('SIGKILL');
    await sleep(500);
    killed = true;
    await Promise.all(senders);
    let found = 0;
    for (let i = 0; i < acknowledged.length; i += 500) found += await db.readerEvent.count({ where: { clientEventId: { in: acknowledged.slice(i, i + 500) } } });
    return { name: 'reader-kill', ok: found === acknowledged.length && acknowledged.length > 0 && !Object.keys(statuses).some((k) => k.startsWith('5')), detail: `${acknowledged.length} events acknowledged (2xx) before SIGKILL, ${found} in the database; ${failed} requests cut off by the kill or refused after it; non-2xx before it: ${JSON.stringify(statuses)}` };
  } finally {
    await stop(reader, 'SIGKILL');
    await db.$disconnect();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function withPostgresRedis<T>(fn: (env: Record<string, string>, db: ReturnType<typeof createDb>, redisUrl: string, dataDir: string) => Promise<T>): Promise<T> {
  const scratch = await createTestDb('postgresql');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-fault-'));
  const redisUrl = redisDb(apiEnv.REDIS_URL ?? 'redis://127.0.0.1:6379', 14);
  try {
    return await fn({ DATABASE_URL: scratch.url, LEDE_DATA_DIR: dataDir, REDIS_URL: redisUrl, LEDE_EMBED_INTERVAL_S: '3600' }, scratch.db, redisUrl, dataDir);
  } finally {
    await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function workerKillImport(articles = 60_000): Promise<FaultCheck> {
  return withPostgresRedis(async (env, db, redisUrl, dataDir) => {
    const admin = await db.user.create({ data: { email: 'fault-admin@example.com', role: 'ADMIN', isAnonymous: false, interests: [] } });
    const queue = new BullMqQueue(redisUrl, 'lede', { attempts: 3, delayMs: 1000 });
    let worker: Proc = startWorker(env);
    try {
      const { jobId, uploadId } = await startUploadImport(db, queue, admin.id, [{ name: 'big.jsonl', bytes: Buffer.from(demoLines(articles, 'big-').join('\n')) }], { root: path.join(dataDir, 'uploads') });
      // Kill once the import has written rows (its progress names a line), i.e. mid-import.
      const until = Date.now() + 120 * SECOND_MS;
      let killedAt = -1;
      while (Date.now() < until) {
        const rows = await db.article.count();
        if (rows > 0) {
          worker.child.kill('SIGKILL');
          killedAt = rows;
          break;
        }
        await sleep(100);
      }
      if (killedAt < 0) return { name: 'worker-kill-import', ok: false, detail: 'the import never started' };
      await stop(worker, 'SIGKILL');
      const afterKill = await db.article.count();
      worker = startWorker(env);
      const started = Date.now();
      const result = await queue.waitFor(jobId, 180 * SECOND_MS).then(
        () => 'completed',
        (err: unknown) => `not completed: ${err instanceof Error ? err.message : String(err)}`,
      );
      const seconds = Math.round((Date.now() - started) / 1000);
      const count = await db.article.count();
      const distinct = (await db.article.groupBy({ by: ['source', 'externalId'] })).length;
      const succeeded = await db.auditLog.count({ where: { action: 'upload.import.succeeded', target: uploadId } });
      const ok = result === 'completed' && count === articles && distinct === articles && succeeded === 1;
      return {
        name: 'worker-kill-import',
        ok,
        detail: `SIGKILL with ${killedAt} of ${articles} articles written (${afterKill} after the kill; an import is all-or-nothing per batch, rows written stay and are updated on the rerun); restarted worker: job ${result} ${seconds} s later (BullMQ's stalled-job check), ${count} articles, ${distinct} distinct, upload.import.succeeded ×${succeeded}`,
      };
    } finally {
      await stop(worker, 'SIGKILL');
      await queue.close();
    }
  });
}

/** A TCP proxy to `target` that can cut every connection and refuse new ones, then let them through again. */
async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      open = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function redisOutage(): Promise<FaultCheck> {
  return withPostgresRedis(async (env, db, redisUrl, dataDir) => {
    const real = new URL(redisUrl);
    const proxy = await tcpProxy({ host: real.hostname, port: Number(real.port || 6379) });
    const viaProxy = new URL(redisUrl);
    viaProxy.port = String(proxy.port);
    const admin = await db.user.create({ data: { email: 'fault-admin@example.com', role: 'ADMIN', isAnonymous: false, interests: [] } });
    const queue = new BullMqQueue(viaProxy.toString(), 'lede', { attempts: 3, delayMs: 1000 });
    const worker = startWorker({ ...env, REDIS_URL: viaProxy.toString() });
    const upload = (k: string) => startUploadImport(db, queue, admin.id, [{ name: `${k}.jsonl`, bytes: Buffer.from(demoLines(50, `${k}-`).join('\n')) }], { root: path.join(dataDir, 'uploads') });
    try {
      await queue.waitFor((await upload('before')).jobId, 60 * SECOND_MS);
      proxy.cut();
      const t0 = Date.now();
      const refused = await upload('during').then(
        () => 'accepted',
        (err: unknown) => (err instanceof AppError ? err.code : `thrown ${String(err)}`),
      );
      const refusedMs = Date.now() - t0;
      const leftFiles = fs.existsSync(path.join(dataDir, 'uploads')) ? fs.readdirSync(path.join(dataDir, 'uploads')).length : 0;
      await sleep(3 * SECOND_MS);
      proxy.restore();
      // The worker and the producer reconnect by themselves; an upload after the outage runs once.
      let after: { jobId: string; uploadId: string } | null = null;
      const until = Date.now() + 60 * SECOND_MS;
      while (!after && Date.now() < until) {
        after = await upload('after').catch(() => null);
        if (!after) await sleep(SECOND_MS);
      }
      const done = after ? await queue.waitFor(after.jobId, 120 * SECOND_MS).then(() => true, () => false) : false;
      const succeeded = after ? await db.auditLog.count({ where: { action: 'upload.import.succeeded', target: after.uploadId } }) : 0;
      const articles = await db.article.count({ where: { externalId: { startsWith: 'after-' } } });
      const ok = refused === 'SERVICE_UNAVAILABLE' && refusedMs < 5 * SECOND_MS && done && succeeded === 1 && articles === 50;
      return {
        name: 'redis-outage',
        ok,
        detail: `Redis cut off (proxy): upload refused ${refused} (503) in ${refusedMs} ms, ${leftFiles} upload folders left behind; Redis back: next upload imported ${done ? 'once' : 'NOT'} (upload.import.succeeded ×${succeeded}, ${articles} of 50 articles)`,
      };
    } finally {
      await stop(worker, 'SIGKILL');
      await queue.close();
      await proxy.close();
    }
  });
}

export async function runFaults(only?: string[]): Promise<FaultCheck[]> {
  const checks: [string, () => Promise<FaultCheck>][] = [
    ['reader-kill', () => readerKill()],
    ['worker-kill-import', () => workerKillImport()],
  ];
  // Opt-in (`--checks redis-outage`): unfinished. On the shared machine the run ends without a result after the
  // proxy cuts Redis off (ioredis ECONNRESET/EPIPE logged by the bench process's own queue connections).
  if (only?.includes('redis-outage')) checks.push(['redis-outage', () => redisOutage()]);
  const out: FaultCheck[] = [];
  for (const [name, run] of checks) {
    if (only && !only.includes(name)) continue;
    console.error(`fault: ${name} …`);
    const check = await run().catch((err: unknown) => ({ name, ok: false, detail: `failed to run: ${err instanceof Error ? err.message : String(err)}` }));
    console.error(`fault: ${check.name}: ${check.ok ? 'OK' : 'FAILED'}: ${check.detail}`);
    out.push(check);
  }
  return out;
}
