import type { JobName, JobPayloads } from './payloads';

export type { JobName, JobPayloads };

/** A failure that retrying cannot fix (a bad file): the queue does not retry it. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export type JobState = 'waiting' | 'active' | 'completed' | 'failed';

export interface JobStatus {
  id: string;
  name: JobName;
  state: JobState;
  progress: unknown;
  result?: unknown;
  error?: string;
}

export interface JobContext {
  id: string;
  /** Reports progress (a number 0–100 or a small JSON object) to whoever watches the job. */
  progress(value: number | Record<string, unknown>): Promise<void>;
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], ctx: JobContext) => Promise<unknown>;

/** The app's only view of background work: in-process by default, BullMQ on Redis when REDIS_URL is set. */
export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<string>;
  /** Registers the handler for a job name; jobs of that name run one at a time. */
  process<N extends JobName>(name: N, handler: JobHandler<N>): void;
  status(id: string): Promise<JobStatus | null>;
  /** Resolves when the job has finished; rejects with its error if it failed. */
  waitFor(id: string, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}
