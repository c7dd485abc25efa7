import { z } from 'zod';

const ZWorkerEnv = z.object({
  /** How often daily metrics are re-aggregated (the admin's CTR lags by at most this). */
  LEDE_METRICS_INTERVAL_S: z.coerce.number().positive().default(60),
  /** How often the worker looks for articles without a vector for the active encoder. */
  LEDE_EMBED_INTERVAL_S: z.coerce.number().positive().default(30),
});

export const workerEnv = ZWorkerEnv.parse(process.env);

/** models:pull only: a Hub mirror and token, read when the command runs. */
export function readHubEnv() {
  return z.object({ HF_ENDPOINT: z.string().url().optional(), HF_TOKEN: z.string().min(1).optional() }).parse(process.env);
}

/**
 * The feed benchmark: LEDE_BENCH_PROFILE=DIR writes a CPU profile of its server; the server gets its database,
 * encoder version, process count and retrieval switch from its parent; REDIS_URL joins several processes' change bus
 * and served log.
 */
export function readBenchEnv() {
  return z
    .object({
      LEDE_BENCH_PROFILE: z.string().optional(),
      DATABASE_URL: z.string().optional(),
      LEDE_BENCH_ENCODER_VERSION: z.string().optional(),
      LEDE_BENCH_PROCESSES: z.coerce.number().int().positive().default(1),
      LEDE_BENCH_RETRIEVAL: z.enum(['on', 'off']).optional(),
      REDIS_URL: z.string().url().optional(),
    })
    .parse(process.env);
}

/** `npm run scale`: the database and Redis every process of the deployment shares. */
export function readScaleEnv() {
  return z.object({ DATABASE_URL: z.string().optional(), REDIS_URL: z.string().url().optional() }).parse(process.env);
}

/** The whole environment, for a child process that inherits it and for per-call parsers that take an env argument. */
export function readProcessEnv(): NodeJS.ProcessEnv {
  return process.env;
}
