import { type Db } from '@lede/db';
import { jobHandlers, type JobQueue } from '@lede/domain/jobs';
import { createLogger } from '@lede/domain/shared';
import { claimAbandonedRuns, claimQueuedRun, createWorkerId } from '@lede/domain/training';

const log = createLogger('worker:train');

/**
 * Training runs: the admin only writes a QUEUED TrainingRun, so this works whatever queue the admin process
 * has. The worker claims queued runs one at a time and resumes runs whose worker died (killed mid-epoch: its
 * lease lapsed) from their last checkpoint. A run executes only under its owner's lease, so two workers never
 * resume the same run, even when both see it abandoned or a duplicate job reaches a second worker.
 */
export function registerTrainJob(queue: JobQueue, db: Db, opts: { pollSeconds?: number; workerId?: string } = {}): () => void {
  const workerId = opts.workerId ?? createWorkerId();
  let busy = false;
  const train = jobHandlers.train({ db, queue, runs: ['train'], workerId });
  queue.process('train', async (data, ctx) => {
    busy = true;
    try {
      return await train(data, ctx);
    } finally {
      busy = false;
    }
  });

  const poll = async () => {
    if (busy) return;
    for (const runId of await claimAbandonedRuns(db)) {
      log.info('resuming interrupted training run', { runId });
      busy = true;
      await queue.enqueue('train', { runId });
    }
    if (busy) return;
    const runId = await claimQueuedRun(db);
    if (!runId) return;
    busy = true;
    await queue.enqueue('train', { runId });
  };
  void poll().catch((err: unknown) => log.error('resuming training runs failed', { err }));
  const timer = setInterval(() => void poll().catch((err: unknown) => log.error('polling training runs failed', { err })), (opts.pollSeconds ?? 2) * 1000);
  return () => clearInterval(timer);
}
