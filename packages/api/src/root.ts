import { adminRouter } from './routers/admin';
import { accountRouter } from './routers/account';
import { articlesRouter } from './routers/articles';
import { authRouter } from './routers/auth';
import { eventsRouter } from './routers/events';
import { feedRouter } from './routers/feed';
import { healthRouter } from './routers/health';
import { libraryRouter } from './routers/library';
import { onboardingRouter } from './routers/onboarding';
import { searchRouter } from './routers/search';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  feed: feedRouter,
  articles: articlesRouter,
  events: eventsRouter,
  auth: authRouter,
  account: accountRouter,
  onboarding: onboardingRouter,
  search: searchRouter,
  library: libraryRouter,
  admin: adminRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
