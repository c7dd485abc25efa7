import { createDb, type Db } from '@lede/db';

import { E2E_DATABASE_URL } from './env';

/** Runs `fn` on the e2e database (the apps' own), for checks a page cannot show. */
export async function withE2eDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}
