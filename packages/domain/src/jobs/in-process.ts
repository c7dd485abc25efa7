import crypto from 'node:crypto';

import { parseJobPayload } from './payloads';
import type { JobHandler, JobName, JobPayloads, JobQueue, JobStatus } from './types';
import { HOUR_MS } from '../shared/time';

interface Entry extends JobStatus {
  data: unknown;
  done: Promise<unknown>;
}

/**
 * Finished jobs are kept this long for `status` (the upload page polls each second) and at most this many;
 * before, every job ever run stayed in memory with its result for the life of the process.
 */
export const KEEP_FINISHED_MS = HOUR_MS;
export const KEEP_FINISHED_JOBS = 500;

/** Runs jobs inside this process, one at a time per job name, in the order they were enqueued. */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  /** In enqueue order, so the oldest finished jobs are found first. */
  private jobs = new Map<string, Entry>();
  private finishedAt = new Map<string, number>();
  private handlers = new Map<JobName, JobHandler<JobName>>();
  private tails = new Map<JobName, Promise<unknown>>();
  private waitingForHandler = new Map<JobName, (() => void)[]>();

  enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<string> {
    let payload: JobPayloads[N];
    try {
      payload = parseJobPayload(name, data);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    const id = crypto.randomUUID();
    const entry = { id, name, data: payload, state: 'waiting', progress: 0 } as Entry;
    const previous = this.tails.get(name) ?? Promise.resolve();
    entry.done = previous.catch(() => undefined).then(() => this.run(entry));
    // Nobody waits on a fire-and-forget job; keep its failure from becoming an unhandled rejection.
    entry.done.catch(() => undefined);
    this.tails.set(name, entry.done);
    this.jobs.set(id, entry);
    this.pruneFinished();
    return Promise.resolve(id);
  }

  /** Forgets finished jobs older than KEEP_FINISHED_MS, and the oldest beyond KEEP_FINISHED_JOBS. */
  private pruneFinished(now = Date.now()): void {
    let excess = this.finishedAt.size - KEEP_FINISHED_JOBS;
    for (const [id, at] of this.finishedAt) {
      if (excess <= 0 && now - at < KEEP_FINISHED_MS) break;
      this.finishedAt.delete(id);
      this.jobs.delete(id);
      excess -= 1;
    }
  }

  process<N extends JobName>(name: N, handler: JobHandler<N>): void {
    this.handlers.set(name, handler as JobHandler<JobName>);
    for (const wake of this.waitingForHandler.get(name) ?? []) wake();
    this.waitingForHandler.delete(name);
  }

  private async run(entry: Entry): Promise<unknown> {
    const handler = this.handlers.get(entry.name) ?? (await this.handlerFor(entry.name));
    entry.state = 'active';
    try {
      const result = await handler(entry.data as never, {
        id: entry.id,
        progress: (value) => {
          entry.progress = value;
          return Promise.resolve();
        },
      });
      Object.assign(entry, { state: 'completed', result, progress: 100 });
      return result;
    } catch (err) {
      Object.assign(entry, { state: 'failed', error: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      this.finishedAt.set(entry.id, Date.now());
    }
  }

  private handlerFor(name: JobName): Promise<JobHandler<JobName>> {
    return new Promise((resolve) => {
      const list = this.waitingForHandler.get(name) ?? [];
      list.push(() => resolve(this.handlers.get(name)!));
      this.waitingForHandler.set(name, list);
    });
  }

  status(id: string): Promise<JobStatus | null> {
    const e = this.jobs.get(id);
    return Promise.resolve(e ? { id: e.id, name: e.name, state: e.state, progress: e.progress, result: e.result, error: e.error } : null);
  }

  async waitFor(id: string, timeoutMs = 60_000): Promise<unknown> {
    const e = this.jobs.get(id);
    if (!e) throw new Error(`Unknown job ${id}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Job ${id} did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([e.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
