import crypto from 'node:crypto';

import type { Db, DbProvider } from '@lede/db';

/** Prisma's bookkeeping: not product data. */
const SKIP = new Set(['_prisma_migrations']);

/**
 * A SHA-256 over every row of every table (rows sorted, so the order a table returns them in does not
 * matter), and the row count of each table: two equal checksums mean the database holds the same data.
 */
export async function checksumDb(db: Db, provider: DbProvider): Promise<{ sha256: string; rows: Record<string, number> }> {
  const tables =
    provider === 'sqlite'
      ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const hash = crypto.createHash('sha256');
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    if (SKIP.has(name)) continue;
    const all = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
    const lines = all.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).sort();
    hash.update(`${name}\n${lines.join('\n')}\n`);
    rows[name] = all.length;
  }
  return { sha256: hash.digest('hex'), rows };
}
