import { z } from 'zod';

/**
 * The admin app's own settings, checked once at start (next.config imports this module, so a bad value fails
 * the build too). DATABASE_URL and auth settings are validated by @lede/db and @lede/api.
 */
const ZAdminEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Rows per page in the articles list. */
  LEDE_ADMIN_PAGE_SIZE: z.coerce.number().int().min(5).max(200).default(25),
  /** Days of history on the overview. */
  LEDE_ADMIN_METRICS_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** The reader app's origin, for "view on site" links. */
  LEDE_READER_URL: z.string().url().default('http://localhost:3000'),
});

export type TAdminEnv = z.infer<typeof ZAdminEnv>;

function parseEnv(): TAdminEnv {
  const parsed = ZAdminEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid admin environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = parseEnv();
