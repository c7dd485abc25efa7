import { apiEnv } from '../shared/env';
import { BullMqQueue } from './bullmq';
import { InProcessQueue } from './in-process';
import type { JobQueue } from './types';

export type { JobContext, JobHandler, JobName, JobPayloads, JobQueue, JobStatus } from './types';
export { BullMqQueue, InProcessQueue };

/** BullMQ when REDIS_URL is set, else in-process. */
export function createJobQueue(redisUrl: string | undefined = apiEnv.REDIS_URL, prefix?: string): JobQueue {
  return redisUrl ? new BullMqQueue(redisUrl, prefix) : new InProcessQueue();
}
