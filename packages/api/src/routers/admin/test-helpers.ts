import type { Db } from '@lede/db';
import { createSession } from '@lede/domain/readers';

import { callerFor } from '../../testing/fixtures';

/** A signed-in caller with the given role, and the user behind it. */
export async function staffCaller(db: Db, role: 'READER' | 'EDITOR' | 'ADMIN', email = `${role.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`) {
  const user = await db.user.create({ data: { email, role, isAnonymous: false, interests: [] } });
  const { token } = await createSession(db, user.id);
  return { user, caller: await callerFor(db, { sessionToken: token }) };
}
