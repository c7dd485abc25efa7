import { z } from 'zod';

const ZApiEnv = z.object({
  /** Articles published within this many days form the feed's candidate pool. */
  LEDE_POOL_DAYS: z.coerce.number().positive().default(30),
  /**
   * A memory cap on the window held in memory (newest first), not a cut of what readers see: every article
   * of the window is eligible. ~2.3 KB per article with a 512-d vector (f32 unit for ranking + i8 in the
   * index): 1,000,000 is ~2.3 GB.
   */
  LEDE_POOL_SIZE: z.coerce.number().int().positive().default(1_000_000),
  /** How often the in-memory candidate pool picks up new and changed articles. */
  LEDE_POOL_REFRESH_S: z.coerce.number().positive().default(30),
  /**
   * How long a reader's profile and ranking may be reused while nothing they depend on changed in this process;
   * also the longest a change made by another process (a worker import) takes to reach the feed. 0 = no reuse.
   */
  LEDE_READER_CACHE_S: z.coerce.number().min(0).default(60),
  LEDE_FRESHNESS_HALF_LIFE_H: z.coerce.number().positive().default(72),
  LEDE_ADMIN_EMAIL: z.string().email().default('admin@lede.local'),
  LEDE_ADMIN_PASSWORD: z.string().min(8).optional(),
  LEDE_SESSION_DAYS: z.coerce.number().positive().default(30),
  REDIS_URL: z.string().url().optional(),
});

export type TApiEnv = z.infer<typeof ZApiEnv>;
export const apiEnv: TApiEnv = ZApiEnv.parse(process.env);
