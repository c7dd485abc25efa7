import { type Db } from '@lede/db';
import type { JobQueue } from '@lede/domain/jobs';
import { createLogger } from '@lede/domain/shared';
import { claimQueuedRun, executeTrainingRun, findInterruptedRuns } from '@lede/domain/training';

const log = createLogger('worker:train');

/**
 * Training runs: the admin only writes a QUEUED TrainingRun, so this works whatever queue the admin process
 * has. The worker claims queued runs one at a time and, at start, resumes the runs a previous worker left
 * RUNNING (killed mid-epoch) from their last checkpoint.
 */
export function registerTrainJob(queue: JobQueue, db: Db, opts: { pollSeconds?: number } = {}): () => void {
  let busy = false;
  queue.process('train', async ({ runId }) => {
    busy = true;
    try {
      log.info('training run started', { runId });
      const outcome = await executeTrainingRun(db, runId);
      log.info('training run ended', { runId, outcome });
      return { runId, outcome };
    } finally {
      busy = false;
    }
  });

  const resume = async () => {
    for (const runId of await findInterruptedRuns(db)) {
      log.info('resuming interrupted training run', { runId });
      busy = true;
      await queue.enqueue('train', { runId });
    }
  };
  const poll = async () => {
    if (busy) return;
    const runId = await claimQueuedRun(db);
    if (!runId) return;
    busy = true;
    await queue.enqueue('train', { runId });
  };
  void resume().catch((err: unknown) => log.error('resuming training runs failed', { err }));
  const timer = setInterval(() => void poll().catch((err: unknown) => log.error('polling training runs failed', { err })), (opts.pollSeconds ?? 2) * 1000);
  return () => clearInterval(timer);
}
