export interface JobPayloads {
  import: { path: string; source?: string; shiftToNow?: boolean };
  /** Embeds for the serving encoder and for a requested switch (`model`/`dtype`: the switch that enqueued it). */
  'embed-articles': { limit?: number; model?: string; dtype?: 'fp32' | 'q8' | 'fp16' };
  'aggregate-metrics': { days?: number };
  /** Executes (or resumes) a TrainingRun already marked RUNNING. */
  train: { runId: string };
}
export type JobName = keyof JobPayloads;

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
