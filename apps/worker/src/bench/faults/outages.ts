// Fault checks that cut PostgreSQL or Redis off through a TCP proxy this process controls.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { createTestDb } from '@lede/db/testing';
import { BullMqQueue } from '@lede/domain/jobs';
import { startUploadImport } from '@lede/domain/newsroom';
import { issueReaderId } from '@lede/domain/readers';
import { AppError, SECOND_MS } from '@lede/domain/shared';

import { withServer } from '../feed';
import { seedFeedBench } from '../feed-seed';
import { sleep, startWorker, stop } from '../../deploy/procs';

import { demoLines, type FaultCheck } from './check';
import { withPostgresRedis } from './kills';

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
