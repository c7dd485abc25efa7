// Fault checks that SIGKILL a process mid-work: the reader under event load, the worker mid-import and mid re-embedding.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDb } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';
import { createTestDb } from '@lede/db/testing';
import { BullMqQueue } from '@lede/domain/jobs';
import { importPath } from '@lede/domain/ingest';
import { readServingEncoder, switchEncoder } from '@lede/domain/encoders';
import { startUploadImport } from '@lede/domain/newsroom';
import { vectorToBytes } from '@lede/ranking';
import { apiEnv, SECOND_MS } from '@lede/domain/shared';

import { type Proc, sleep, startApp, startWorker, stop, waitForHttp } from '../../deploy/procs';
import { redisDb } from '../soak';

import { demoLines, type FaultCheck } from './check';

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

/** A scratch PostgreSQL database (lede_fault_*) and a Redis database of the fault checks' own (14; 12 for re-embedding, so the two can run side by side). */
export async function withPostgresRedis<T>(fn: (env: Record<string, string>, db: ReturnType<typeof createDb>, redisUrl: string, dataDir: string) => Promise<T>, redisDbNumber = 14): Promise<T> {
  const scratch = await createTestDb('postgresql', 'lede_fault');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-fault-'));
  const redisUrl = redisDb(apiEnv.REDIS_URL ?? 'redis://127.0.0.1:6379', redisDbNumber);
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

/**
 * The worker killed with SIGKILL in the middle of re-embedding every article for an encoder switch
 * (lede-news-bert q8 → fp16), then started again. Vectors written before the kill must stay, the serving encoder
 * and the active model version must not change before the switch is complete, and the switch job must finish
 * once after the restart (BullMQ's stalled-job check hands it on).
 */
export async function workerKillReembed(articles = 1_500): Promise<FaultCheck> {
  return withPostgresRedis(async (env, db, redisUrl, dataDir) => {
    const file = path.join(dataDir, 'seed.jsonl');
    fs.writeFileSync(file, demoLines(articles, 'embed-').join('\n'));
    await importPath(db, file);
    // The serving encoder (q8) already covers every article (stand-in vectors: this check is about the switch).
    const serving = (await readServingEncoder(db))!.config;
    const ids = (await db.article.findMany({ select: { id: true } })).map((a) => a.id);
    const fake = vectorToBytes(new Float32Array(512).fill(1 / Math.sqrt(512)));
    for (let i = 0; i < ids.length; i += 500) await db.articleVector.createMany({ data: ids.slice(i, i + 500).map((articleId) => ({ articleId, encoderVersion: serving.encoderVersion, dims: 512, vector: fake })) });
    const active = async () => (await db.modelVersion.findMany({ where: { status: 'ACTIVE' }, select: { id: true } })).map((m) => m.id).join(',') || 'none';
    const activeBefore = await active();
    const queue = new BullMqQueue(redisUrl, 'lede', { attempts: 3, delayMs: 1000 });
    let worker: Proc = startWorker(env);
    try {
      const { jobId, encoderVersion: target } = await switchEncoder(db, queue, 'lede-news-bert', 'fp16');
      if (!jobId) return { name: 'worker-kill-reembed', ok: false, detail: 'the switch queued no job' };
      const until = Date.now() + 240 * SECOND_MS;
      let killedAt = -1;
      while (Date.now() < until) {
        const n = await db.articleVector.count({ where: { encoderVersion: target } });
        if (n >= 50) {
          worker.child.kill('SIGKILL');
          killedAt = n;
          break;
        }
        await sleep(200);
      }
      if (killedAt < 0) return { name: 'worker-kill-reembed', ok: false, detail: `re-embedding never started: ${worker.log.join('').slice(-1500)}` };
      await stop(worker, 'SIGKILL');
      const written = (await db.articleVector.findMany({ where: { encoderVersion: target }, select: { articleId: true } })).map((v) => v.articleId);
      const servingAfterKill = (await readServingEncoder(db))!.config.encoderVersion;
      const activeAfterKill = await active();
      worker = startWorker(env);
      const started = Date.now();
      const result = await queue.waitFor(jobId, 420 * SECOND_MS).then(
        () => 'completed',
        (err: unknown) => `not completed: ${err instanceof Error ? err.message : String(err)}`,
      );
      const seconds = Math.round((Date.now() - started) / 1000);
      const kept = await db.articleVector.count({ where: { encoderVersion: target, articleId: { in: written } } });
      const vectors = await db.articleVector.count({ where: { encoderVersion: target } });
      const distinct = (await db.articleVector.groupBy({ by: ['articleId'], where: { encoderVersion: target } })).length;
      const servingEnd = (await readServingEncoder(db))!.config.encoderVersion;
      const status = await queue.status(jobId);
      const activeEnd = await active();
      const ok =
        result === 'completed' && kept === written.length && servingAfterKill === serving.encoderVersion && activeAfterKill === activeBefore &&
        activeEnd === activeBefore && vectors === ids.length && distinct === ids.length && servingEnd === target && status?.state === 'completed';
      return {
        name: 'worker-kill-reembed',
        ok,
        detail:
          `SIGKILL with ${killedAt} of ${ids.length} fp16 vectors written (${written.length} after the kill, ${kept} of them still there at the end); ` +
          `serving encoder after the kill ${servingAfterKill === serving.encoderVersion ? 'unchanged (q8)' : servingAfterKill}, active model version ${activeBefore} → ${activeAfterKill} → ${activeEnd}; ` +
          `restarted worker: switch job ${result} ${seconds} s later, ${vectors} fp16 vectors, ${distinct} distinct articles, serving ${servingEnd === target ? 'fp16 (switched once complete)' : servingEnd}`,
      };
    } finally {
      await stop(worker, 'SIGKILL');
      await queue.close();
    }
  }, 12);
}

/**
 * A click log to train on (as the admin training test's `seedLogs`, larger): readers loyal to one of four topics,
 * shown 8 articles a visit and clicking those of their topic; article vectors of `encoderVersion` are a topic
 * direction plus noise, so the run has something to learn.
 */
