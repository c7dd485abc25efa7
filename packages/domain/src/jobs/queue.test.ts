import crypto from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { BullMqQueue } from './bullmq';
import { InProcessQueue, KEEP_FINISHED_JOBS } from './in-process';
import { type JobQueue, PermanentJobError } from './types';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const backends: [string, () => JobQueue][] = [
  ['in-process', () => new InProcessQueue()],
  // A random prefix keeps concurrent test runs (and the demo) out of each other's queues.
  ...(process.env.TEST_REDIS === '0' ? [] : [['bullmq', () => new BullMqQueue(redisUrl, `lede-test-${crypto.randomBytes(4).toString('hex')}`, { attempts: 2, delayMs: 10 })] as [string, () => JobQueue]]),
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

  it('checks payloads and job names against the registry', async () => {
    queue = make();
    await expect(queue.enqueue('train', { runId: '' })).rejects.toThrow();
    expect(await queue.status('no-such-job:1')).toBeNull();
  });
});

// Issue 15 item 10: the in-process queue kept every job it ever ran, result included, for the process's life.
describe('in-process queue memory', () => {
  it('forgets the oldest finished jobs beyond its limit and keeps the recent ones', async () => {
    const q = new InProcessQueue();
    q.process('aggregate-metrics', (data) => Promise.resolve({ days: data.days, padding: 'x'.repeat(1000) }));
    const ids: string[] = [];
    // `days` numbers the jobs (the payload schema wants a positive number).
    for (let i = 1; i <= KEEP_FINISHED_JOBS + 100; i++) ids.push(await q.enqueue('aggregate-metrics', { days: i }));
    await q.waitFor(ids.at(-1)!);
    await q.enqueue('aggregate-metrics', { days: 1 });
    expect(await q.status(ids[0]!)).toBeNull();
    expect(await q.status(ids[99]!)).toBeNull();
    expect(await q.status(ids.at(-1)!)).toMatchObject({ state: 'completed', result: { days: KEEP_FINISHED_JOBS + 100 } });
    const kept = await Promise.all(ids.map((id) => q.status(id)));
    expect(kept.filter(Boolean).length).toBeLessThanOrEqual(KEEP_FINISHED_JOBS + 1);
  });
});

// Issue 15 item 7: with Redis down every call waited for ever (connections retried without end), jobs had one
// attempt, and job status for any id prefix opened a new queue and Redis connection.
describe('BullMQ queue faults', () => {
  it('answers 503 within seconds when Redis is unreachable, and refuses unknown job names without a connection', async () => {
    const q = new BullMqQueue('redis://127.0.0.1:1', `lede-test-${crypto.randomBytes(4).toString('hex')}`);
    try {
      const started = Date.now();
      await expect(q.enqueue('aggregate-metrics', { days: 1 })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await q.status('no-such-queue:1')).toBeNull();
      expect(await q.status('nocolon')).toBeNull();
    } finally {
      await q.close();
    }
  });

  it.skipIf(process.env.TEST_REDIS === '0')('retries a failed job with backoff, but not a permanent failure', async () => {
    const q = new BullMqQueue(redisUrl, `lede-test-${crypto.randomBytes(4).toString('hex')}`, { attempts: 3, delayMs: 20 });
    try {
      let calls = 0;
      q.process('aggregate-metrics', (data) => {
        calls += 1;
        if (data.days === 1 && calls < 3) return Promise.reject(new Error('database busy'));
        if (data.days === 2) return Promise.reject(new PermanentJobError('bad file'));
        return Promise.resolve({ calls });
      });
      const flaky = await q.enqueue('aggregate-metrics', { days: 1 });
      expect(await q.waitFor(flaky, 20_000)).toEqual({ calls: 3 });
      calls = 0;
      const bad = await q.enqueue('aggregate-metrics', { days: 2 });
      await expect(q.waitFor(bad, 20_000)).rejects.toThrow(/bad file/);
      expect(calls).toBe(1);
    } finally {
      await q.close();
    }
  });
});
