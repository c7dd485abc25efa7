import { z } from 'zod';

const ZWorkerEnv = z.object({
  /** How often daily metrics are re-aggregated (the admin's CTR lags by at most this). */
  LEDE_METRICS_INTERVAL_S: z.coerce.number().positive().default(60),
  /** How often the worker looks for articles without a vector for the active encoder. */
  LEDE_EMBED_INTERVAL_S: z.coerce.number().positive().default(30),
  REDIS_URL: z.string().url().optional(),
});

export const workerEnv = ZWorkerEnv.parse(process.env);
