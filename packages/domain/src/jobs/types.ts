export interface JobPayloads {
  /** `upload`: an admin upload, whose outcome is audited and whose files are deleted after the import. */
  import: { path: string; source?: string; shiftToNow?: boolean; skipInvalid?: boolean; upload?: { id: string; actorId: string } };
  /** Embeds for the serving encoder and for a requested switch (`model`/`dtype`: the switch that enqueued it). */
  'embed-articles': { limit?: number; model?: string; dtype?: 'fp32' | 'q8' | 'fp16' };
  'aggregate-metrics': { days?: number };
  /** Deletes expired sessions and anonymous readers who never did anything. */
  purge: Record<string, never>;
  /** Executes (or resumes) a TrainingRun already marked RUNNING. */
  train: { runId: string };
}
export type JobName = keyof JobPayloads;

/** Every job name, to check names that arrive as text (job ids from a URL). */
export const JOB_NAMES: readonly JobName[] = ['import', 'embed-articles', 'aggregate-metrics', 'train'];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

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
