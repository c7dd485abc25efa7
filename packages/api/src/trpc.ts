import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';

import { type Db } from '@lede/db';
import { ensureReader, getSessionUser, type SessionUser } from '@lede/domain/readers';
import { AppError, createLogger, getDb, type Logger } from '@lede/domain/shared';

import { toTRPCError } from './errors';

export interface CreateContextOptions {
  db?: Db;
  /** Value of the session cookie, if any. */
  sessionToken?: string | null;
  /** Stable anonymous reader id from the reader app's cookie, if any. */
  readerId?: string | null;
  /** The client's address (for per-address rate limits); null for in-process callers. */
  ip?: string | null;
}

export interface Context {
  db: Db;
  user: SessionUser | null;
  readerId: string | null;
  sessionToken: string | null;
  ip: string | null;
  log: Logger;
  /** The session could not be read (the database unreachable): signed-in procedures answer 503, not 401. */
  sessionUnavailable: boolean;
}

export async function createContext(opts: CreateContextOptions = {}): Promise<Context> {
  const db = opts.db ?? getDb();
  const log = createLogger('api');
  let user: SessionUser | null = null;
  let sessionUnavailable = false;
  try {
    user = opts.sessionToken ? await getSessionUser(db, opts.sessionToken) : null;
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The database down must not cost the feed: the reader is served by their cookie's id meanwhile.
    log.warn('reading the session failed; serving the request without it', { err });
    sessionUnavailable = true;
  }
  return {
    db,
    user,
    readerId: opts.readerId ?? null,
    sessionToken: opts.sessionToken ?? null,
    ip: opts.ip ?? null,
    log,
    sessionUnavailable,
  };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

/** Domain errors keep their message; anything unexpected is logged and reaches the client as a generic 500. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const res = await next();
  if (res.ok) return res;
  const cause = res.error.cause;
  if (cause instanceof AppError) throw toTRPCError(cause);
  if (res.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.log.error('procedure failed', { path, err: cause ?? res.error });
    throw toTRPCError(new Error('internal'));
  }
  return res;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

const SESSIONS_UNAVAILABLE = 'Sessions cannot be read right now: try again shortly';

/** A signed-in user, or the anonymous reader named by the cookie (created on first use). */
export const readerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const readerId = ctx.user?.id ?? (ctx.readerId ? await ensureReader(ctx.db, ctx.readerId, ctx.ip) : null);
  if (!readerId && ctx.sessionUnavailable) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: SESSIONS_UNAVAILABLE });
  if (!readerId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'No reader id: enable cookies' });
  return next({ ctx: { ...ctx, readerId } });
});

export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user && ctx.sessionUnavailable) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: SESSIONS_UNAVAILABLE });
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const editorProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'EDITOR' && ctx.user.role !== 'ADMIN') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Editors only' });
  }
  return next({ ctx });
});

export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'ADMIN') throw new TRPCError({ code: 'FORBIDDEN', message: 'Admins only' });
  return next({ ctx });
});
