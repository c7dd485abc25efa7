import crypto from 'node:crypto';

import type { JobHandler, JobName, JobPayloads, JobQueue, JobStatus } from './types';

interface Entry extends JobStatus {
  data: unknown;
  done: Promise<unknown>;
}

/** Runs jobs inside this process, one at a time per job name, in the order they were enqueued. */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private jobs = new Map<string, Entry>();
  private handlers = new Map<JobName, JobHandler<JobName>>();
  private tails = new Map<JobName, Promise<unknown>>();
  private waitingForHandler = new Map<JobName, (() => void)[]>();

  enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<string> {
    const id = crypto.randomUUID();
    const entry = { id, name, data, state: 'waiting', progress: 0 } as Entry;
    const previous = this.tails.get(name) ?? Promise.resolve();
    entry.done = previous.catch(() => undefined).then(() => this.run(entry));
    // Nobody waits on a fire-and-forget job; keep its failure from becoming an unhandled rejection.
    entry.done.catch(() => undefined);
    this.tails.set(name, entry.done);
    this.jobs.set(id, entry);
    return Promise.resolve(id);
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
