import { hash } from '@node-rs/argon2';

import { createDb } from '@lede/db';

import { E2E_DATABASE_URL } from './env';

const READER = { email: 'reader@e2e.lede.local', password: 'e2e-reader-password' };

/**
 * A signed-up reader with a password (the seed has only anonymous readers and the admin). Written straight to
 * the e2e database because there is no sign-up procedure yet.
 */
export async function ensureReaderAccount(): Promise<typeof READER> {
  const db = createDb(E2E_DATABASE_URL);
  try {
    const passwordHash = await hash(READER.password);
    await db.user.upsert({
      where: { email: READER.email },
      create: { email: READER.email, name: 'E2E Reader', role: 'READER', passwordHash, interests: [] },
      update: { role: 'READER', passwordHash },
    });
  } finally {
    await db.$disconnect();
  }
  return READER;
}
