import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from './root';

export { appRouter, createCaller, type AppRouter } from './root';
export { createContext, type Context, type CreateContextOptions } from './trpc';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export { ZLogEventsInput, type TLogEventsInput } from '@lede/domain/readers';
export { ZFeedListInput, type TFeedListInput } from './routers/feed.schema';
