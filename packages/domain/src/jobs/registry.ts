import { type Db } from '@lede/db';

import { runEmbedArticlesJob } from '../encoders/switch';
import { aggregateDailyMetrics } from '../metrics/daily-metrics';
import { runImportJob } from '../newsroom/imports/import-job';
import { purgeStaleRows } from '../readers/auth';
import { createLogger } from '../shared/logger';
import { executeTrainingRun } from '../training/execute';
import { createWorkerId, executeUnderLease } from '../training/runs';
import { jobNames } from './payloads';
import type { JobHandler, JobName, JobQueue } from './types';

const log = createLogger('jobs');

export interface JobDeps {
  db: Db;
  queue: JobQueue;
  /** The job names this process runs (registerJobs' `names`): an import enqueues embedding only where something runs it. */
  runs: readonly JobName[];
  /** The lease owner a training run executes under (training/runs.ts); default: a new id for this process. */
  workerId?: string;
}

/**
 * Every job's handler, by name (the payload schemas are in payloads.ts). The worker registers all of them;
 * an API process with the in-process queue registers `import` only (uploads), since the encoder does not
 * belong in a web server.
 */
export const jobHandlers: { [N in JobName]: (deps: JobDeps) => JobHandler<N> } = {
  import:
    ({ db, queue, runs }) =>
    async (data, ctx) => {
      // Imports, audits an upload's outcome and deletes its files (newsroom/imports/import-job.ts).
      const summary = await runImportJob(db, data, ctx);
      // New articles need vectors before they rank semantically. On BullMQ a worker takes the job; an
      // in-process queue that does not run embedding (an API process) leaves them to the worker's periodic
      // embed run (LEDE_EMBED_INTERVAL_S) instead of queueing a job nothing here would run.
      if (queue.kind === 'bullmq' || runs.includes('embed-articles')) await queue.enqueue('embed-articles', {});
      return summary;
    },
  'embed-articles':
    ({ db }) =>
    (data, ctx) =>
      runEmbedArticlesJob(db, data, ctx),
  'aggregate-metrics':
    ({ db }) =>
    (data) =>
      aggregateDailyMetrics(db, { days: data.days ?? 2 }),
  purge:
    ({ db }) =>
    () =>
      purgeStaleRows(db),
  train:
    ({ db, workerId: owner }) => {
      const workerId = owner ?? createWorkerId();
      return async ({ runId }) => {
        log.info('training run started', { runId, workerId });
        // Only under this worker's lease, so two workers never resume the same run.
        const outcome = await executeUnderLease(db, runId, workerId, () => executeTrainingRun(db, runId));
        log.info('training run ended', { runId, outcome });
        return { runId, outcome };
      };
    },
};

/** Registers the handlers of `names` (default: every job) on the queue. */
export function registerJobs(queue: JobQueue, db: Db, names: readonly JobName[] = jobNames): void {
  const deps: JobDeps = { db, queue, runs: names };
  for (const name of names) registerJob(queue, name, deps);
}

function registerJob<N extends JobName>(queue: JobQueue, name: N, deps: JobDeps): void {
  const create = jobHandlers[name] as (deps: JobDeps) => JobHandler<N>;
  queue.process(name, create(deps));
}
