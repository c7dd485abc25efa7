import type { Db } from '@lede/db';

import { createCaller } from '../root';
import { createContext } from '../trpc';

export { newReaderId, seedArticles } from '@lede/domain/testing';

/** A caller as the reader app makes it: an anonymous reader cookie and/or a session cookie. */
export async function callerFor(db: Db, opts: { readerId?: string; sessionToken?: string } = {}) {
  return createCaller(await createContext({ db, ...opts }));
}
