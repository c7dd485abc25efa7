import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AdminRouter, ReaderRouter } from './root';

export { adminRouter, createAdminCaller, createReaderCaller, readerRouter, type AdminRouter, type ReaderRouter } from './root';
export { createContext, type Context, type CreateContextOptions } from './trpc';

export type ReaderInputs = inferRouterInputs<ReaderRouter>;
export type ReaderOutputs = inferRouterOutputs<ReaderRouter>;
export type AdminInputs = inferRouterInputs<AdminRouter>;
export type AdminOutputs = inferRouterOutputs<AdminRouter>;
/** Inputs and outputs of both routers by path (`feed.list`, `admin.models.list`), for app components. */
export type RouterInputs = ReaderInputs & AdminInputs;
export type RouterOutputs = ReaderOutputs & AdminOutputs;
export { ZLogEventsInput, type TLogEventsInput } from '@lede/domain/readers';
export { ZFeedListInput, type TFeedListInput } from './routers/feed/feed.schema';
