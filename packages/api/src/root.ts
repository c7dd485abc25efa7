import { accountRouter } from './routers/account/account';
import { adminAreaRouter } from './routers/admin';
import { articlesRouter } from './routers/articles/articles';
import { makeAuthRouter } from './routers/account/auth';
import { eventsRouter } from './routers/feed/events';
import { feedRouter } from './routers/feed/feed';
import { healthRouter } from './routers/health';
import { libraryRouter } from './routers/articles/library';
import { onboardingRouter } from './routers/account/onboarding';
import { searchRouter } from './routers/search/search';
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
