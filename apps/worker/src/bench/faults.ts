// `npm run bench -- faults`: starts real processes and kills them. Each check prints what it saw:
//  - reader-kill: the reader app (production build) is killed with SIGKILL while readers send click batches;
//    every event whose batch got a 2xx must be in the database.
//  - worker-kill-import: the worker (PostgreSQL + Redis/BullMQ) is killed with SIGKILL in the middle of an
//    upload's import and started again; the import must finish exactly once (one `upload.import.succeeded`
//    audit entry, every article once) after BullMQ hands the stalled job to the new worker.
//  - worker-kill-reembed: the worker is killed with SIGKILL mid re-embedding (an encoder switch); written vectors
//    stay, the serving encoder and active model version do not change early, the switch job finishes after restart.
//  - worker-kill-training: the worker is killed with SIGKILL mid-training (a run started as the admin starts one);
//    the active model version never changes, the run resumes from its checkpoint once its lease lapses, succeeds
//    once and registers exactly one candidate version.
//  - postgres-outage: PostgreSQL is cut off under feed load through a TCP proxy (the system service is never
//    stopped); readers with signed ids (as the app's cookie) must keep getting pages (the fallback, or a ranking
//    from the pool and profiles in memory), never a 5xx, and ranked pages again by themselves.
//  - redis-outage: Redis is cut off through a TCP proxy this process controls (the system Redis is never
//    stopped); an upload must be refused with 503 at once, and an import queued after Redis is back must run once.
//    (The bench's own BullMQ QueueEvents connection logs ECONNRESET/EPIPE while Redis is cut: expected.)
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
import { readServingEncoder, switchEncoder } from '@lede/domain/encoders';
import type { Prisma } from '@lede/db';
import { startUploadImport } from '@lede/domain/newsroom';
import { issueReaderId } from '@lede/domain/readers';
import { vectorToBytes } from '@lede/ranking';
import { apiEnv, AppError, DAY_MS, MINUTE_MS, SECOND_MS } from '@lede/domain/shared';
import { RUN_LEASE_MS, startTrainingRun, type TrainingProgress } from '@lede/domain/training';
import { createRng } from '@lede/ranking/training';

import { withServer } from './feed';
import { seedFeedBench } from './feed-seed';
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

/** A scratch PostgreSQL database (lede_fault_*) and a Redis database of the fault checks' own (14; 12 for re-embedding, so the two can run side by side). */
async function withPostgresRedis<T>(fn: (env: Record<string, string>, db: ReturnType<typeof createDb>, redisUrl: string, dataDir: string) => Promise<T>, redisDbNumber = 14): Promise<T> {
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
async function seedClickLog(db: ReturnType<typeof createDb>, encoderVersion: string, opts: { articles: number; readers: number; days: number; visits: number }) {
  const topics = ['POLITICS', 'SPORTS', 'TECH', 'FOOD'];
  const rng = createRng(42);
  const unit = (v: Float32Array) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const dirs = topics.map(() => unit(new Float32Array(512).map(() => rng() - 0.5)));
  const end = Date.UTC(2026, 0, 10);
  const articles: Prisma.ArticleCreateManyInput[] = Array.from({ length: opts.articles }, (_, i) => ({
    id: `train-a${i}`, source: 'fault', externalId: `train-a${i}`, title: `a${i}`, category: topics[i % topics.length]!,
    publishedAt: new Date(end - (opts.days + 1) * DAY_MS + (i / opts.articles) * opts.days * DAY_MS),
  }));
  await db.article.createMany({ data: articles });
  await db.articleVector.createMany({
    data: articles.map((a, i) => ({ articleId: a.id!, encoderVersion, dims: 512, vector: vectorToBytes(unit(dirs[i % topics.length]!.map((x) => x + (rng() - 0.5) * 0.08))) })),
  });
  await db.user.createMany({ data: Array.from({ length: opts.readers }, (_, u) => ({ id: `train-r${u}`, externalId: `train-r${u}` })) });
  const impressions: Prisma.ImpressionCreateManyInput[] = [];
  const clicks: Prisma.ReaderEventCreateManyInput[] = [];
  for (let u = 0; u < opts.readers; u++) {
    for (let d = 0; d < opts.days; d++) {
      for (let visit = 0; visit < opts.visits; visit++) {
        const at = new Date(end - (opts.days - d) * DAY_MS + (u * opts.visits + visit) * MINUTE_MS);
        const requestId = `r${u}-${d}-${visit}`;
        const shown = Array.from({ length: 8 }, () => crypto.randomInt(opts.articles)).filter((a, i, all) => all.indexOf(a) === i);
        shown.forEach((a, position) => impressions.push({ requestId, userId: `train-r${u}`, modelVersion: 'baseline', articleId: `train-a${a}`, position, score: 0, createdAt: at }));
        for (const a of shown.filter((s) => s % topics.length === u % topics.length)) {
          clicks.push({ clientEventId: `${requestId}:${a}`, userId: `train-r${u}`, articleId: `train-a${a}`, type: 'CLICK', requestId, createdAt: new Date(at.getTime() + SECOND_MS) });
        }
      }
    }
  }
  for (let i = 0; i < impressions.length; i += 2_000) await db.impression.createMany({ data: impressions.slice(i, i + 2_000) });
  for (let i = 0; i < clicks.length; i += 2_000) await db.readerEvent.createMany({ data: clicks.slice(i, i + 2_000) });
  return { impressions: impressions.length, clicks: clicks.length };
}

/** Empties the Redis database of `url` (a check's own number), with a plain RESP exchange: SELECT, then FLUSHDB. */
async function flushRedis(url: string): Promise<void> {
  const u = new URL(url);
  const n = u.pathname.slice(1) || '0';
  const cmd = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(Number(u.port || 6379), u.hostname);
    let replies = '';
    const expected = u.password ? 3 : 2;
    socket.setTimeout(5 * SECOND_MS, () => socket.destroy(new Error('Redis did not answer FLUSHDB')));
    socket.on('error', reject);
    socket.on('data', (b) => {
      replies += b.toString();
      const lines = replies.split('\r\n').filter(Boolean);
      if (lines.some((l) => l.startsWith('-'))) socket.destroy(new Error(`Redis refused: ${replies.trim()}`));
      else if (lines.length >= expected) {
        socket.end();
        resolve();
      }
    });
    socket.write((u.password ? cmd('AUTH', ...(u.username ? [decodeURIComponent(u.username)] : []), decodeURIComponent(u.password)) : '') + cmd('SELECT', n) + cmd('FLUSHDB'));
  });
}

/**
 * The worker killed with SIGKILL in the middle of a training run (queued as the admin's Start does), then started
 * again. The active model version must not change (training registers a candidate; only a promotion serves it),
 * the run must not be marked succeeded by the dead worker, and after the restart it must resume from its
 * checkpoint once its lease has lapsed (RUN_LEASE_MS), succeed once and register exactly one candidate version.
 */
export async function workerKillTraining(opts: { epochs?: number } = {}): Promise<FaultCheck> {
  const epochs = opts.epochs ?? 6;
  return withPostgresRedis(async (env, db, redisUrl) => {
    // No nightly run of the worker's own: this check's run is the only one.
    const workerEnv = { ...env, LEDE_RETRAIN_HOUR_UTC: '-1' };
    const serving = (await readServingEncoder(db))?.config.encoderVersion;
    if (!serving) return { name: 'worker-kill-training', ok: false, detail: 'no encoder installed (the worker trains on the serving encoder’s vectors)' };
    const seeded = await seedClickLog(db, serving, { articles: 400, readers: 60, days: 8, visits: 3 });
    // An active version serving all traffic before the run (no artifacts: it serves the untrained user model).
    await db.modelVersion.create({ data: { id: 'fault-active', status: 'ACTIVE', trafficShare: 1, encoderVersion: serving, promotedAt: new Date() } });
    const active = async () => (await db.modelVersion.findMany({ where: { status: 'ACTIVE' }, select: { id: true, trafficShare: true } })).map((m) => `${m.id}@${m.trafficShare}`).join(',') || 'none';
    const activeBefore = await active();
    const admin = await db.user.create({ data: { email: 'fault-admin@example.com', role: 'ADMIN', isAnonymous: false, interests: [] } });
    const queue = new BullMqQueue(redisUrl, 'lede', { attempts: 3, delayMs: 1000 });
    const t = Date.now();
    const say = (m: string) => console.error(`fault: worker-kill-training +${((Date.now() - t) / 1000).toFixed(1)} s: ${m}`);
    let worker: Proc = startWorker(workerEnv);
    try {
      const { id: runId } = await startTrainingRun(db, { days: 8, heldOutDays: 1, epochs, lr: 3e-3, checkpointEvery: 5 }, admin.id);
      const read = () => db.trainingRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, progress: true, log: true, ownerId: true, modelVersionId: true, error: true } });
      say(`run ${runId} queued on ${seeded.impressions} impressions, ${seeded.clicks} clicks; waiting for it to train past a checkpoint`);
      // Kill a quarter of the way through training (past a checkpoint), before its last steps.
      let killedAt: TrainingProgress | null = null;
      const until = Date.now() + 180 * SECOND_MS;
      while (Date.now() < until) {
        const run = await read();
        const p = run.progress as Partial<TrainingProgress>;
        if (run.status !== 'QUEUED' && run.status !== 'RUNNING') break;
        if (run.status === 'RUNNING' && p.phase === 'training' && (p.step ?? 0) >= (p.totalSteps ?? 0) * 0.25 && (p.step ?? 0) < (p.totalSteps ?? 0) * 0.75) {
          worker.child.kill('SIGKILL');
          killedAt = p as TrainingProgress;
          break;
        }
        await sleep(100);
      }
      if (!killedAt) {
        const run = await read();
        return { name: 'worker-kill-training', ok: false, detail: `not killed mid-training: run ${run.status}, progress ${JSON.stringify(run.progress).slice(0, 300)}; ${worker.log.join('').slice(-1500)}` };
      }
      await stop(worker, 'SIGKILL');
      const afterKill = await read();
      const activeAfterKill = await active();
      const candidatesAfterKill = await db.modelVersion.count({ where: { status: 'CANDIDATE' } });
      say(`SIGKILL at step ${killedAt.step}/${killedAt.totalSteps} (epoch ${killedAt.epoch}/${killedAt.epochs}); run ${afterKill.status}; restarting the worker`);
      worker = startWorker(workerEnv);
      const restarted = Date.now();
      let resumedMs = -1;
      const doneBy = Date.now() + RUN_LEASE_MS + 240 * SECOND_MS;
      let run = await read();
      while (Date.now() < doneBy) {
        run = await read();
        const p = run.progress as Partial<TrainingProgress>;
        if (resumedMs < 0 && (p.resumed ?? 0) > 0) {
          resumedMs = Date.now() - restarted;
          say(`resumed (${(p.resumed ?? 0)}×) by the restarted worker after ${(resumedMs / 1000).toFixed(1)} s`);
        }
        if (run.status !== 'RUNNING' && run.status !== 'QUEUED') break;
        await sleep(500);
      }
      const finishedMs = Date.now() - restarted;
      say(`run ${run.status} ${(finishedMs / 1000).toFixed(1)} s after the restart; watching for a second execution`);
      // Every train job BullMQ has (ids train:1, train:2, …): what each one did with the run.
      const trainJobs = async () => {
        const outcomes: Record<string, number> = {};
        for (let i = 1; i < 50; i++) {
          const job = await queue.status(`train:${i}`);
          if (!job) break;
          const key = job.state === 'completed' ? String((job.result as { outcome?: string } | undefined)?.outcome) : job.state;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        }
        return outcomes;
      };
      // A second execution would come from a train job still waiting or active (the killed worker's, until
      // BullMQ's stalled-job check hands it on): watch until none is left, and the poller has looked again.
      const settleBy = Date.now() + 90 * SECOND_MS;
      await sleep(5 * SECOND_MS);
      while (Date.now() < settleBy) {
        const jobs = await trainJobs();
        if (!jobs.active && !jobs.waiting) break;
        await sleep(SECOND_MS);
      }
      await sleep(5 * SECOND_MS);
      run = await read();
      const p = run.progress as unknown as TrainingProgress;
      const resumedFrom = /resuming from checkpoint at step (\d+)/.exec(run.log)?.[1] ?? '?';
      const candidates = await db.modelVersion.findMany({ where: { status: { not: 'ACTIVE' } }, select: { id: true, status: true, provenance: true } });
      const fromRun = candidates.filter((c) => (c.provenance as { runId?: string }).runId === runId);
      const registered = (run.log.match(/registered candidate version/g) ?? []).length;
      const outcomes = await trainJobs();
      const activeEnd = await active();
      const ok =
        afterKill.status === 'RUNNING' && !afterKill.modelVersionId && candidatesAfterKill === 0 && activeAfterKill === activeBefore &&
        run.status === 'SUCCEEDED' && p.resumed >= 1 && p.step === p.totalSteps && fromRun.length === 1 && candidates.length === 1 &&
        fromRun[0]!.status === 'CANDIDATE' && run.modelVersionId === fromRun[0]!.id && registered === 1 && outcomes.succeeded === 1 && activeEnd === activeBefore;
      return {
        name: 'worker-kill-training',
        ok,
        detail:
          `run of ${epochs} epochs on ${seeded.clicks} clicks (${seeded.impressions} impressions, PostgreSQL + BullMQ, Redis database 11), SIGKILL at step ${killedAt.step}/${killedAt.totalSteps} ` +
          `(epoch ${killedAt.epoch}/${killedAt.epochs}); after the kill: run ${afterKill.status}, ${candidatesAfterKill} candidate versions, active ${activeBefore} → ${activeAfterKill}; ` +
          `restarted worker: resumed from its checkpoint at step ${resumedFrom} ${resumedMs < 0 ? 'NEVER' : `${(resumedMs / 1000).toFixed(1)} s`} later (lease ${RUN_LEASE_MS / 1000} s), run ${run.status} ${(finishedMs / 1000).toFixed(1)} s after the restart ` +
          `(step ${p.step}/${p.totalSteps}, resumed ×${p.resumed}${run.error ? `, error ${run.error}` : ''}); ${fromRun.length} candidate version from the run (${candidates.length} non-active in all), ` +
          `"registered candidate" ×${registered} in its log, train jobs ${JSON.stringify(outcomes)}; active at the end ${activeEnd}`,
      };
    } finally {
      await stop(worker, 'SIGKILL');
      await queue.close();
      await flushRedis(redisUrl);
    }
  }, 11);
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
    const t = Date.now();
    const say = (m: string) => console.error(`fault: redis-outage +${((Date.now() - t) / 1000).toFixed(1)} s: ${m}`);
    try {
      await queue.waitFor((await upload('before')).jobId, 60 * SECOND_MS);
      say('first import done; cutting Redis off');
      proxy.cut();
      const t0 = Date.now();
      const refused = await upload('during').then(
        () => 'accepted',
        (err: unknown) => (err instanceof AppError ? err.code : `thrown ${String(err)}`),
      );
      const refusedMs = Date.now() - t0;
      say(`upload during the outage: ${refused} in ${refusedMs} ms`);
      const leftFiles = fs.existsSync(path.join(dataDir, 'uploads')) ? fs.readdirSync(path.join(dataDir, 'uploads')).length : 0;
      await sleep(3 * SECOND_MS);
      proxy.restore();
      say('Redis restored');
      // The worker and the producer reconnect by themselves; an upload after the outage runs once.
      let after: { jobId: string; uploadId: string } | null = null;
      const until = Date.now() + 60 * SECOND_MS;
      while (!after && Date.now() < until) {
        after = await upload('after').catch(() => null);
        if (!after) await sleep(SECOND_MS);
      }
      say(after ? `upload after the outage queued (${after.jobId})` : 'no upload accepted after the outage');
      // Done when its audit entry is written (not through BullMQ's QueueEvents, whose connection the outage cut),
      // then a few seconds more to see it is not run a second time.
      const succeededCount = () => (after ? db.auditLog.count({ where: { action: 'upload.import.succeeded', target: after.uploadId } }) : Promise.resolve(0));
      const doneBy = Date.now() + 120 * SECOND_MS;
      while (after && (await succeededCount()) === 0 && Date.now() < doneBy) await sleep(500);
      const done = (await succeededCount()) > 0;
      say(done ? 'upload after the outage imported' : 'upload after the outage NOT imported within 120 s');
      if (done) await sleep(5 * SECOND_MS);
      const succeeded = await succeededCount();
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

/**
 * PostgreSQL cut off under load, through a TCP proxy this process controls (the system PostgreSQL is never
 * stopped): the tRPC reader API (feed-server.ts, the apps' router) on a 2,000-article database, 4 readers asking
 * for feed pages with the reader caches off. While the proxy refuses connections the feed must answer with its
 * fallback (never a 5xx); once the proxy lets connections through again it must serve ranked pages by itself.
 */
export async function postgresOutage(opts: { before?: number; outage?: number; after?: number } = {}): Promise<FaultCheck> {
  const { before = 5, outage = 10, after = 20 } = opts;
  const scratch = await createTestDb('postgresql', 'lede_fault');
  const real = new URL(scratch.url);
  const proxy = await tcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
  const viaProxy = new URL(scratch.url);
  viaProxy.port = String(proxy.port);
  const encoderVersion = 'bench@1';
  try {
    await seedFeedBench(scratch.db, 2_000, encoderVersion);
    const env = { DATABASE_URL: viaProxy.toString(), LEDE_BENCH_ENCODER_VERSION: encoderVersion, LEDE_READER_CACHE_S: '0' };
    return await withServer(env, async (port) => {
      type Phase = 'before' | 'outage' | 'after';
      let phase: Phase = 'before';
      let running = true;
      const seen: Record<Phase, Record<string, number>> = { before: {}, outage: {}, after: {} };
      let slowest = 0;
      let restoredAt = 0;
      let recoveredMs = -1;
      const count = (key: string) => (seen[phase][key] = (seen[phase][key] ?? 0) + 1);
      const FEED = `/feed.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;
      // Reader ids as the reader app's cookie carries them: signed by the server (the bench shares its secret).
      const readerIds = Array.from({ length: 4 }, () => issueReaderId());
      const load = async (r: number) => {
        while (running) {
          const t0 = Date.now();
          try {
            const res = await fetch(`http://127.0.0.1:${port}${FEED}`, { headers: { 'x-reader-id': readerIds[r]! }, signal: AbortSignal.timeout(30 * SECOND_MS) });
            const body = (await res.json().catch(() => null)) as { result?: { data?: { json?: { fallback?: boolean; items?: unknown[] } } } } | null;
            const page = body?.result?.data?.json;
            const kind = !res.ok ? String(res.status) : page?.fallback ? 'fallback' : 'ranked';
            count(kind);
            if (kind === 'ranked' && phase === 'after' && recoveredMs < 0) recoveredMs = Date.now() - restoredAt;
          } catch (err) {
            count(err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'network error');
          }
          slowest = Math.max(slowest, Date.now() - t0);
        }
      };
      const readers = Array.from({ length: 4 }, (_, r) => load(r));
      await sleep(before * SECOND_MS);
      phase = 'outage';
      proxy.cut();
      await sleep(outage * SECOND_MS);
      phase = 'after';
      restoredAt = Date.now();
      proxy.restore();
      await sleep(after * SECOND_MS);
      running = false;
      await Promise.all(readers);
      const fiveXx = Object.values(seen).some((p) => Object.keys(p).some((k) => k.startsWith('5') || k === 'timeout' || k === 'network error'));
      // During the outage a page is either the fallback or a ranking made from what the process holds (the
      // pool and the readers' profiles loaded before the cut): both are the feed going on without its database.
      const servedDuringOutage = (seen.outage.fallback ?? 0) + (seen.outage.ranked ?? 0);
      const ok = !fiveXx && (seen.before.ranked ?? 0) > 0 && servedDuringOutage > 0 && recoveredMs >= 0;
      return {
        name: 'postgres-outage',
        ok,
        detail: `feed.list answers (4 readers, reader caches off): ${before} s before ${JSON.stringify(seen.before)}, PostgreSQL cut off (proxy) for ${outage} s ${JSON.stringify(seen.outage)}, after ${JSON.stringify(seen.after)}; first ranked page ${recoveredMs < 0 ? 'NEVER' : `${(recoveredMs / 1000).toFixed(1)} s`} after PostgreSQL was back; slowest answer ${(slowest / 1000).toFixed(1)} s`,
      };
    });
  } finally {
    await proxy.close();
    await scratch.drop();
  }
}

export async function runFaults(only?: string[]): Promise<FaultCheck[]> {
  const checks: [string, () => Promise<FaultCheck>][] = [
    ['reader-kill', () => readerKill()],
    ['worker-kill-import', () => workerKillImport()],
    ['worker-kill-reembed', () => workerKillReembed()],
    ['worker-kill-training', () => workerKillTraining()],
    ['postgres-outage', () => postgresOutage()],
    ['redis-outage', () => redisOutage()],
  ];
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
