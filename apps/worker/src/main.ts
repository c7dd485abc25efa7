import { getDb } from '@lede/db';
import { getJobQueue, type JobName, type JobPayloads, registerJobs } from '@lede/domain/jobs';
import { apiEnv, createLogger } from '@lede/domain/shared';
import { runRetrainingSchedule } from '@lede/domain/training';

import { workerEnv } from './env';
import { registerTrainJob } from './jobs/train';

const log = createLogger('worker');

/** The worker: consumes background jobs and schedules the periodic ones (embedding, metrics). */
function main() {
  const db = getDb();
  const queue = getJobQueue();

  // Every job of the registry (domain/jobs/registry.ts) but training, whose handler the poller below wraps.
  registerJobs(queue, db, ['import', 'embed-articles', 'aggregate-metrics', 'purge']);
  const stopTraining = registerTrainJob(queue, db);

  /** Enqueues a periodic job unless the previous one is still waiting or running. */
  const schedule = <N extends JobName>(seconds: number, name: N, data: JobPayloads[N]) => {
    let last: string | null = null;
    const tick = async () => {
      const state = last ? (await queue.status(last))?.state : null;
      if (state === 'waiting' || state === 'active') return;
      last = await queue.enqueue(name, data);
    };
    const run = () => void tick().catch((err: unknown) => log.error('scheduling failed', { name, err }));
    run();
    return setInterval(run, seconds * 1000);
  };
  const timers = [
    schedule(workerEnv.LEDE_METRICS_INTERVAL_S, 'aggregate-metrics', { days: 2 }),
    schedule(workerEnv.LEDE_EMBED_INTERVAL_S, 'embed-articles', {}),
    schedule(3600, 'purge', {}),
  ];
  if (apiEnv.LEDE_RETRAIN_HOUR_UTC >= 0) {
    // Nightly retraining: a tick every 5 minutes queues the night's run once and decides on finished ones.
    const retrain = () =>
      void runRetrainingSchedule(db, { hourUtc: apiEnv.LEDE_RETRAIN_HOUR_UTC })
        .then((tick) => (tick.queued || tick.decided.length ? log.info('nightly retraining', { ...tick }) : undefined))
        .catch((err: unknown) => log.error('nightly retraining failed', { err }));
    retrain();
    timers.push(setInterval(retrain, 5 * 60_000));
  }
  log.info('worker started', { queue: queue.kind, metricsEveryS: workerEnv.LEDE_METRICS_INTERVAL_S });

  const stop = async (signal: string) => {
    log.info('worker stopping', { signal });
    timers.forEach(clearInterval);
    stopTraining();
    await queue.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

try {
  main();
} catch (err) {
  log.error('worker failed to start', { err });
  process.exit(1);
}
