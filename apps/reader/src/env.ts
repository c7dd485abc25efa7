import { z } from 'zod';

/**
 * The reader app's own settings, checked once at start (next.config imports this module, so a bad value fails
 * the build too). DATABASE_URL and the ranking settings are validated by @lede/db and @lede/api.
 */
const ZReaderEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Stories per feed page (server render and "Load more"). */
  LEDE_FEED_PAGE_SIZE: z.coerce.number().int().min(1).max(50).default(20),
  /** Largest accepted body on /api/events, in bytes. */
  LEDE_EVENTS_MAX_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(65_536),
});

export type TReaderEnv = z.infer<typeof ZReaderEnv>;

function parseEnv(): TReaderEnv {
  const parsed = ZReaderEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid reader environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = parseEnv();
