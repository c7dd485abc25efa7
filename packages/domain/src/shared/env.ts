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
  /**
   * on: after a click, the process that stored it ranks that reader's "For you" again right away (when it served
   * them within LEDE_READER_CACHE_S), so the feed they return to is a lookup; off: the next feed request ranks.
   */
  LEDE_RANK_AHEAD: z.enum(['on', 'off']).default('on'),
  /**
   * `model`: rank with the version's ranking model (else the shipped default); `blend`: the hand-weighted blend
   * Lede ranked with before it (a switch for operators, and the feed bench's "before").
   */
  LEDE_RANKING: z.enum(['model', 'blend']).default('model'),
  LEDE_FRESHNESS_HALF_LIFE_H: z.coerce.number().positive().default(72),
  LEDE_ADMIN_EMAIL: z.string().email().default('admin@lede.local'),
  LEDE_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** A session ends this many days after sign-in at the latest… */
  LEDE_SESSION_DAYS: z.coerce.number().positive().default(30),
  /** …and after this many days without use. */
  LEDE_SESSION_IDLE_DAYS: z.coerce.number().positive().default(7),
  /** Anonymous readers who never clicked, saw or chose anything are deleted after this many days. */
  LEDE_ANONYMOUS_PURGE_DAYS: z.coerce.number().positive().default(30),
  /** Minutes an admin-issued password reset token stays valid. */
  LEDE_PASSWORD_RESET_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(60),
  REDIS_URL: z.string().url().optional(),
  /** Signs anonymous reader ids (shared/server-secret.ts); every process of a deployment must share it. */
  LEDE_SECRET: z.string().min(32, 'LEDE_SECRET must be at least 32 characters').optional(),
  /** UTC hour from which the worker queues the nightly retraining run; -1 turns nightly retraining off. */
  LEDE_RETRAIN_HOUR_UTC: z.coerce.number().int().min(-1).max(23).default(2),
  /**
   * Procedures per batched tRPC request (the reader's client batches at most 10). Unbounded, one POST carried
   * 50 sign-in attempts, or 50 feed rankings.
   */
  LEDE_TRPC_MAX_BATCH: z.coerce.number().int().min(1).max(100).default(10),
  /** Largest tRPC request body, bytes (the biggest legitimate one, a batch of seen cards, is a few KB). */
  LEDE_TRPC_MAX_BYTES: z.coerce.number().int().min(1024).default(262_144),
  /** Wrong passwords for one account within 15 min before sign-in to it is refused (doubling each time); 0 = off. */
  LEDE_RATE_SIGNIN_ACCOUNT: z.coerce.number().int().min(0).default(10),
  /** Wrong passwords from one IP address within an hour before its sign-ins are refused; 0 = off. */
  LEDE_RATE_SIGNIN_IP: z.coerce.number().int().min(0).default(100),
  /** Accounts created from one IP address per hour; 0 = off. */
  LEDE_RATE_SIGNUP_IP: z.coerce.number().int().min(0).default(20),
  /** New anonymous readers one IP address may start per hour (each is a fresh cookie); 0 = off. */
  LEDE_RATE_NEW_READERS_IP: z.coerce.number().int().min(0).default(300),
  /** Clicks, dwell and feedback events one reader may log per minute; 0 = off. */
  LEDE_RATE_EVENTS_PER_MIN: z.coerce.number().int().min(0).default(300),
  /** Seen cards (impressions) one reader may report per minute; 0 = off. */
  LEDE_RATE_SEEN_PER_MIN: z.coerce.number().int().min(0).default(600),
  /** Searches one reader may run per minute; 0 = off. */
  LEDE_RATE_SEARCH_PER_MIN: z.coerce.number().int().min(0).default(60),
});

export type TApiEnv = z.infer<typeof ZApiEnv>;
export const apiEnv: TApiEnv = ZApiEnv.parse(process.env);

/**
 * The raw environment, for modules that parse their own part of it per call (the encoder config takes an env
 * argument so tests can pass one). Every other read goes through `apiEnv`; lint allows `process.env` only here.
 */
export function readProcessEnv(): NodeJS.ProcessEnv {
  return process.env;
}
