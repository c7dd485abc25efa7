import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';

import type { JobHandler, JobName, JobPayloads, JobQueue, JobState, JobStatus } from './types';

/**
 * Jobs on Redis: any number of worker processes share them, and they outlive an app restart. One BullMQ
 * queue per job name (a BullMQ worker takes every job of its queue), so each name runs one job at a time.
 * Job ids are `${name}:${bullmq id}`.
 */
export class BullMqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<JobName, Queue>();
  private readonly events = new Map<JobName, QueueEvents>();
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly prefix = 'lede',
  ) {}

  private connect(): Redis {
    // BullMQ requires maxRetriesPerRequest: null on connections its workers block on.
    const c = new Redis(this.url, { maxRetriesPerRequest: null });
    this.connections.push(c);
    return c;
  }

  private queue(name: JobName): Queue {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Queue(name, { connection: this.connect(), prefix: this.prefix })));
    return q;
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<string> {
    const job = await this.queue(name).add(name, data, { removeOnComplete: 1000, removeOnFail: 1000 });
    return `${name}:${job.id}`;
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>): void {
    const worker = new Worker(
      name,
      (job) => handler(job.data as JobPayloads[N], { id: `${name}:${job.id}`, progress: (v) => job.updateProgress(v) }),
      { connection: this.connect(), prefix: this.prefix, concurrency: 1 },
    );
    this.workers.push(worker);
  }

  private split(id: string): [JobName, string] {
    const at = id.indexOf(':');
    return [id.slice(0, at) as JobName, id.slice(at + 1)];
  }

  async status(id: string): Promise<JobStatus | null> {
    const [name, jobId] = this.split(id);
    const job = await this.queue(name).getJob(jobId);
    if (!job) return null;
    const state = await job.getState();
    const mapped: JobState = state === 'completed' || state === 'failed' || state === 'active' ? state : 'waiting';
    return { id, name, state: mapped, progress: job.progress, result: job.returnvalue, error: job.failedReason || undefined };
  }

  async waitFor(id: string, timeoutMs = 60_000): Promise<unknown> {
    const [name, jobId] = this.split(id);
    let events = this.events.get(name);
    if (!events) this.events.set(name, (events = new QueueEvents(name, { connection: this.connect(), prefix: this.prefix })));
    await events.waitUntilReady();
    const job = await this.queue(name).getJob(jobId);
    if (!job) throw new Error(`Unknown job ${id}`);
    return job.waitUntilFinished(events, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.events.values()].map((e) => e.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    for (const c of this.connections) c.disconnect();
  }
}
