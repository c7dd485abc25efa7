import { encoderDtypes } from '@lede/ranking/encoder';
import { z } from 'zod';

/**
 * Every job's name and payload schema: the queues check payloads against it on enqueue, and a job id that
 * names an unknown job (the admin passes ids back from the browser) is rejected before it reaches Redis.
 * The handlers are in registry.ts.
 */
export const jobPayloadSchemas = {
  /**
   * `upload`: an admin upload, whose outcome is audited and whose files are deleted after the import.
   * `importId`: the Import record it runs under (newsroom/imports/import-history.ts), which says whether new articles are drafts.
   */
  import: z.object({
    path: z.string().min(1),
    source: z.string().optional(),
    shiftToNow: z.boolean().optional(),
    skipInvalid: z.boolean().optional(),
    upload: z.object({ id: z.string().min(1), actorId: z.string().min(1) }).optional(),
    importId: z.string().min(1).optional(),
  }),
  /** Embeds for the serving encoder and for a requested switch (`model`/`dtype`: the switch that enqueued it). */
  'embed-articles': z.object({ limit: z.number().int().positive().optional(), model: z.string().optional(), dtype: z.enum(encoderDtypes).optional() }),
  'aggregate-metrics': z.object({ days: z.number().int().positive().optional() }),
  /** Deletes expired sessions and anonymous readers who never did anything. */
  purge: z.object({}).strict(),
  /** Executes (or resumes) a TrainingRun already marked RUNNING. */
  train: z.object({ runId: z.string().min(1) }),
};

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayloads = { [N in JobName]: z.infer<(typeof jobPayloadSchemas)[N]> };

export const jobNames = Object.keys(jobPayloadSchemas) as JobName[];
export const ZJobName = z.enum(jobNames as [JobName, ...JobName[]]);

/** Throws a ZodError when `data` does not fit the job's payload schema. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayloads[N] {
  return jobPayloadSchemas[name].parse(data) as JobPayloads[N];
}
