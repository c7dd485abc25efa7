import { apiEnv } from '../shared/env';
import { BullMqQueue } from './bullmq';
import { InProcessQueue } from './in-process';
import type { JobQueue } from './types';

export type { JobContext, JobHandler, JobName, JobPayloads, JobQueue, JobStatus } from './types';
export { PermanentJobError } from './types';
export { jobNames, jobPayloadSchemas, parseJobPayload, ZJobName } from './payloads';
export { jobHandlers, registerJobs, type JobDeps } from './registry';
export { BullMqQueue, InProcessQueue };

/** BullMQ when REDIS_URL is set, else in-process. */
export function createJobQueue(redisUrl: string | undefined = apiEnv.REDIS_URL, prefix?: string): JobQueue {
  return redisUrl ? new BullMqQueue(redisUrl, prefix) : new InProcessQueue();
}

let processQueue: JobQueue | null = null;

/**
 * The one job queue of this process, created on first use: the admin's uploads and encoder switch, the
 * worker and the CLIs share it, so a process holds one set of Redis connections (or one in-process queue).
 */
export function getJobQueue(): JobQueue {
  return (processQueue ??= createJobQueue());
}
