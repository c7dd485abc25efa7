import 'server-only';

import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/** Mirrors the domain's limit (packages/domain/src/newsroom/uploads.ts), checked here before a body is read. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A tRPC error as a JSON response with its HTTP status; validation details stay generic. */
export function trpcErrorResponse(err: unknown): Response {
  if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
  const message = err.code === 'BAD_REQUEST' && err.cause && 'issues' in err.cause ? 'Choose one file, or news.tsv and behaviors.tsv' : err.message;
  return Response.json({ error: message }, { status: getHTTPStatusCodeFromError(err) });
}
