import { getDb } from '@lede/db';
import { runEmbedArticlesJob } from '@lede/domain/encoders';
import { createJobQueue, type JobName, type JobPayloads } from '@lede/domain/jobs';
import { aggregateDailyMetrics } from '@lede/domain/metrics';
import { createLogger } from '@lede/domain/shared';

import { workerEnv } from './env';
import { registerImportJob } from './jobs/import';
import { registerTrainJob } from './jobs/train';

const log = createLogger('worker');

/** The worker: consumes background jobs and schedules the periodic ones (embedding, metrics). */
function main() {
  const db = getDb();
  const queue = createJobQueue(workerEnv.REDIS_URL);

  queue.process('aggregate-metrics', (data) => aggregateDailyMetrics(db, { days: data.days ?? 2 }));
  // New articles under the serving encoder, a pending encoder switch, and the device report for the admin.
  queue.process('embed-articles', (data, ctx) => runEmbedArticlesJob(db, data, ctx));
  registerImportJob(queue, db);
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
  ];
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
