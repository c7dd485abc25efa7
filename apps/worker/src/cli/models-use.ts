// npm run models:use -- <name> [--dtype q8|fp16|fp32] [--detach]
// Switches the serving encoder: verifies the model, records the request and runs (or, with Redis, queues for
// the worker) the embed-articles job; the feed switches once every published article has a vector for it.
import { getDb } from '@lede/db';
import { z } from 'zod';

import { readSystemStatus, switchEncoder, ZEncoderDtype } from '@lede/domain/encoders';
import { getJobQueue, type JobQueue, registerJobs } from '@lede/domain/jobs';

import { parseCliArgs, runCli, UsageError } from './args';
import { reportExpectedErrors } from './models-errors';

const usage = 'usage: npm run models:use -- <name> [--dtype q8|fp16|fp32] [--detach]';

runCli(() =>
  reportExpectedErrors(async () => {
    const { values, positionals } = parseCliArgs({ dtype: { type: 'string', default: 'q8' }, detach: { type: 'boolean', default: false } }, usage);
    const [name, ...extra] = positionals;
    const dtype = ZEncoderDtype.safeParse(values.dtype);
    if (!name || extra.length > 0 || !dtype.success) throw new UsageError(usage);
    const db = getDb();
    const queue = getJobQueue();
    try {
      // Without Redis there is no worker to hand the job to: this process runs it.
      if (queue.kind === 'in-process') registerJobs(queue, db, ['embed-articles']);
      const result = await switchEncoder(db, queue, name, dtype.data);
      if (result.serving) console.error(`${result.encoderVersion} already serves`);
      else if (values.detach && queue.kind === 'bullmq') console.error(`queued ${result.jobId}; the worker embeds the articles and switches`);
      else if (result.jobId) await followJob(queue, result.jobId);
      console.log(JSON.stringify((await readSystemStatus(db)).encoder));
    } finally {
      await queue.close();
      await db.$disconnect();
    }
  }),
);

async function followJob(queue: JobQueue, jobId: string): Promise<void> {
  if (queue.kind === 'bullmq') console.error(`queued ${jobId}; waiting for a worker to run it (Ctrl-C leaves it queued)`);
  let last = '';
  for (;;) {
    const status = await queue.status(jobId);
    if (!status || status.state === 'failed') throw new Error(`embed-articles job ${jobId} failed: ${status?.error ?? 'job vanished'}`);
    const p = z.object({ phase: z.string(), done: z.number(), total: z.number() }).safeParse(status.progress);
    const line = p.success ? `${p.data.phase}: embedded ${p.data.done}/${p.data.total}` : status.state;
    if (line !== last) console.error((last = line));
    if (status.state === 'completed') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
