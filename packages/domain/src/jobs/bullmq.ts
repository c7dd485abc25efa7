import { Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';

import { AppError } from '../shared/errors';
import { parseJobPayload, ZJobName } from './payloads';
import { type JobHandler, type JobName, type JobPayloads, type JobQueue, type JobState, type JobStatus, PermanentJobError } from './types';

/** Failed jobs are tried again this often, waiting `delayMs`, then twice that, then four times. */
export interface RetryPolicy {
  attempts: number;
  delayMs: number;
}
const defaultRetry: RetryPolicy = { attempts: 3, delayMs: 5_000 };
/** How long a producer (an upload, a scheduler) waits for Redis before answering 503. */
const PRODUCER_TIMEOUT_MS = 3_000;

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
    private readonly retry: RetryPolicy = defaultRetry,
  ) {}

  /**
   * BullMQ requires maxRetriesPerRequest: null on connections its workers block on; those wait out an outage.
   * Producers must not: theirs fail at once while Redis is down (no offline queue, which used to hold every
   * scheduled job of an outage and burst them all on reconnect) and a request answers 503 instead of hanging.
   */
  private connect(role: 'worker' | 'producer'): Redis {
    const c =
      role === 'worker'
        ? new Redis(this.url, { maxRetriesPerRequest: null })
        : new Redis(this.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: PRODUCER_TIMEOUT_MS });
    c.on('error', () => undefined); // reported where a call fails; ioredis would otherwise print each retry
    this.connections.push(c);
    return c;
  }

  private queue(name: JobName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      this.queues.set(name, (q = new Queue(name, { connection: this.connect('producer'), prefix: this.prefix })));
      q.on('error', () => undefined); // a Redis outage surfaces as 503s from `produce`, not as a log line per retry
    }
    return q;
  }

  /** Runs a producer call with a deadline: Redis down answers 503 within PRODUCER_TIMEOUT_MS. */
  private async produce<T>(call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), PRODUCER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([call(), deadline]);
    } catch (err) {
      throw new AppError('SERVICE_UNAVAILABLE', `The job queue (Redis) is not answering; try again in a minute (${err instanceof Error ? err.message : String(err)})`);
    } finally {
      clearTimeout(timer);
    }
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<string> {
    const payload = parseJobPayload(name, data);
    const { attempts, delayMs } = this.retry;
    const options = { removeOnComplete: 1000, removeOnFail: 1000, attempts, backoff: { type: 'exponential', delay: delayMs } };
    const job = await this.produce(() => this.queue(name).add(name, payload, options));
    return `${name}:${job.id}`;
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>): void {
    const worker = new Worker(
      name,
      async (job) => {
        try {
          return await handler(job.data as JobPayloads[N], { id: `${name}:${job.id}`, progress: (v) => job.updateProgress(v) });
        } catch (err) {
          throw err instanceof PermanentJobError ? new UnrecoverableError(err.message) : err;
        }
      },
      { connection: this.connect('worker'), prefix: this.prefix, concurrency: 1 },
    );
    this.workers.push(worker);
  }

  /** Null for an id that names no registered job, so a made-up id never creates a BullMQ queue. */
  private split(id: string): [JobName, string] | null {
    const at = id.indexOf(':');
    const name = ZJobName.safeParse(id.slice(0, at));
    return name.success ? [name.data, id.slice(at + 1)] : null;
  }

  async status(id: string): Promise<JobStatus | null> {
    const parts = this.split(id);
    if (!parts) return null;
    const [name, jobId] = parts;
    const job = await this.produce(() => this.queue(name).getJob(jobId));
    if (!job) return null;
    const state = await job.getState();
    const mapped: JobState = state === 'completed' || state === 'failed' || state === 'active' ? state : 'waiting';
    return { id, name, state: mapped, progress: job.progress, result: job.returnvalue, error: job.failedReason || undefined };
  }

  /** Rejects after `timeoutMs` whatever Redis does: a QueueEvents connection that came back from an outage may never become ready again. */
  async waitFor(id: string, timeoutMs = 60_000): Promise<unknown> {
    const parts = this.split(id);
    if (!parts) throw new Error(`Unknown job ${id}`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Job ${id} did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.waitForJob(id, ...parts, timeoutMs), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async waitForJob(id: string, name: JobName, jobId: string, timeoutMs: number): Promise<unknown> {
    let events = this.events.get(name);
    if (!events) this.events.set(name, (events = new QueueEvents(name, { connection: this.connect('worker'), prefix: this.prefix })));
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
