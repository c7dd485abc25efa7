import { TRPCError } from '@trpc/server';

import { AppError } from '@lede/domain/shared';

/** The one place where domain errors become tRPC errors; anything unknown stays generic for the client. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof AppError) return new TRPCError({ code: err.code, message: err.message, cause: err });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong', cause: err });
}

/** Seconds to put in Retry-After for an error, when it is a rate-limit refusal. */
export function retryAfterOf(err: unknown): number | null {
  const cause = err instanceof TRPCError ? err.cause : err;
  return cause instanceof AppError && cause.code === 'TOO_MANY_REQUESTS' ? Math.max(1, Math.ceil(cause.retryAfterS ?? 1)) : null;
}
