import type { Db } from '@lede/db';

import { adminAreaRouter } from '../routers/admin';
import { readerRouter } from '../root';
import { createCallerFactory, createContext, createTRPCRouter } from '../trpc';

export { newReaderId, seedArticles } from '@lede/domain/testing';

/** Tests call reader and admin procedures on one caller; the apps each mount only their own router. */
const testRouter = createTRPCRouter({ ...readerRouter._def.record, admin: adminAreaRouter });
const createTestCaller = createCallerFactory(testRouter);

/** A caller as the apps make it: an anonymous reader cookie and/or a session cookie (and the client's address). */
export async function callerFor(db: Db, opts: { readerId?: string; sessionToken?: string; ip?: string } = {}) {
  return createTestCaller(await createContext({ db, ...opts }));
}
