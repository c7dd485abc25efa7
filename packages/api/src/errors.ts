import { TRPCError } from '@trpc/server';

import { AppError } from '@lede/domain/shared';

/** The one place where domain errors become tRPC errors; anything unknown stays generic for the client. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof AppError) return new TRPCError({ code: err.code, message: err.message, cause: err });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong', cause: err });
}
