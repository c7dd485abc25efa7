// Fault check: the worker SIGKILLed mid-training; the run resumes once from its checkpoint after its lease.
import net from 'node:net';

import { BullMqQueue } from '@lede/domain/jobs';
import { readServingEncoder } from '@lede/domain/encoders';
import { SECOND_MS } from '@lede/domain/shared';
import { RUN_LEASE_MS, startTrainingRun, type TrainingProgress } from '@lede/domain/training';
import { seedTopicClickLog } from '@lede/domain/testing';

import { type Proc, sleep, startWorker, stop } from '../../deploy/procs';

import { type FaultCheck } from './check';
import { withPostgresRedis } from './kills';

/** Empties the Redis database of `url` (a check's own number), with a plain RESP exchange: SELECT, then FLUSHDB. */
export async function flushRedis(url: string): Promise<void> {
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
    const seeded = await seedTopicClickLog(db, { encoderVersion: serving, articles: 400, readers: 60, days: 8, visits: 3, end: Date.UTC(2026, 0, 10), prefix: 'train-' });
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
