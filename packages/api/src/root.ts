import { accountRouter } from './routers/account';
import { adminAreaRouter } from './routers/admin';
import { articlesRouter } from './routers/articles';
import { makeAuthRouter } from './routers/auth';
import { eventsRouter } from './routers/events';
import { feedRouter } from './routers/feed';
import { healthRouter } from './routers/health';
import { libraryRouter } from './routers/library';
import { onboardingRouter } from './routers/onboarding';
import { searchRouter } from './routers/search';
import { createCallerFactory, createTRPCRouter } from './trpc';

/**
 * One router per app: the public reader app mounts only `readerRouter`, the newsroom only `adminRouter`, so no
 * `admin.*` path exists on the reader's host whatever cookie a request carries.
 */
export const readerRouter = createTRPCRouter({
  feed: feedRouter,
  articles: articlesRouter,
  events: eventsRouter,
  auth: makeAuthRouter('reader'),
  account: accountRouter,
  onboarding: onboardingRouter,
  search: searchRouter,
  library: libraryRouter,
  health: healthRouter,
});

export const adminRouter = createTRPCRouter({
  admin: adminAreaRouter,
  auth: makeAuthRouter('staff'),
  health: healthRouter,
});

export type ReaderRouter = typeof readerRouter;
export type AdminRouter = typeof adminRouter;
export const createReaderCaller = createCallerFactory(readerRouter);
export const createAdminCaller = createCallerFactory(adminRouter);
