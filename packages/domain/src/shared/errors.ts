import { TRPCError } from '@trpc/server';

export type AppErrorCode =
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

/** A domain error with a message safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** For TOO_MANY_REQUESTS: seconds until a retry can succeed (the HTTP handlers send it as Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Seconds to put in Retry-After for an error, when it is a rate-limit refusal. */
export function retryAfterOf(err: unknown): number | null {
  const cause = err instanceof TRPCError ? err.cause : err;
  return cause instanceof AppError && cause.code === 'TOO_MANY_REQUESTS' ? Math.max(1, Math.ceil(cause.retryAfterS ?? 1)) : null;
}

/** The one place where domain errors become tRPC errors; anything unknown stays generic for the client. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof AppError) return new TRPCError({ code: err.code, message: err.message, cause: err });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong', cause: err });
}
