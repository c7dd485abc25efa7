import crypto from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { BullMqQueue } from './bullmq';
import { InProcessQueue } from './in-process';
import type { JobQueue } from './types';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const backends: [string, () => JobQueue][] = [
  ['in-process', () => new InProcessQueue()],
  // A random prefix keeps concurrent test runs (and the demo) out of each other's queues.
  ...(process.env.TEST_REDIS === '0' ? [] : [['bullmq', () => new BullMqQueue(redisUrl, `lede-test-${crypto.randomBytes(4).toString('hex')}`)] as [string, () => JobQueue]]),
];

describe.each(backends)('job queue (%s)', (_kind, make) => {
  let queue: JobQueue;
  afterEach(async () => {
    await queue.close();
  });

  it('runs jobs one at a time in order, with progress and results', async () => {
    queue = make();
    const seen: number[] = [];
    let running = 0;
    let maxRunning = 0;
    queue.process('aggregate-metrics', async (data, ctx) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 20));
      await ctx.progress(50);
      seen.push(data.days ?? -1);
      running--;
      return { days: data.days };
    });
    const ids = await Promise.all([1, 2, 3].map((days) => queue.enqueue('aggregate-metrics', { days })));
    const results = await Promise.all(ids.map((id) => queue.waitFor(id, 10_000)));
    expect(results).toEqual([{ days: 1 }, { days: 2 }, { days: 3 }]);
    expect(seen).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
    expect((await queue.status(ids[0]!))?.state).toBe('completed');
  });

  it('reports a failed job with its error', async () => {
    queue = make();
    queue.process('import', () => Promise.reject(new Error('news.tsv:3: bad row')));
    const id = await queue.enqueue('import', { path: '/nope' });
    await expect(queue.waitFor(id, 10_000)).rejects.toThrow('news.tsv:3: bad row');
    const status = await queue.status(id);
    expect(status?.state).toBe('failed');
    expect(status?.error).toContain('news.tsv:3');
  });
});
