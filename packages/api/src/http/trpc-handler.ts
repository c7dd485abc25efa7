import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { apiEnv } from '@lede/domain/shared';
import { retryAfterOf } from '../errors';
import type { Context } from '../trpc';
import { BodyTooLargeError, readBodyBytes } from './read-body';
import { crossOriginRefusal, hasMediaType, jsonError } from './request-guard';

export interface TrpcHandlerOptions {
  router: AnyTRPCRouter;
  createContext: (req: Request) => Promise<Context>;
  /** Most procedures in one batched request; default LEDE_TRPC_MAX_BATCH. */
  maxBatchSize?: number;
  /** Largest POST body, bytes; default LEDE_TRPC_MAX_BYTES. */
  maxBodyBytes?: number;
}

/**
 * An app's `/api/trpc` endpoint. POSTs (mutations) must come from the app's own origin and carry JSON: tRPC
 * would also parse multipart/form-data and octet-stream bodies, which a foreign page can make a browser send
 * without a preflight. Bodies are capped before parsing, batches are capped, and a rate-limit refusal carries
 * Retry-After.
 */
export async function handleTrpcRequest(req: Request, opts: TrpcHandlerOptions): Promise<Response> {
  let forwarded = req;
  if (req.method === 'POST') {
    const refusal = crossOriginRefusal(req.headers);
    if (refusal) return jsonError(403, refusal);
    if (!hasMediaType(req.headers, 'application/json')) return jsonError(415, 'Mutations take application/json');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readBodyBytes(req, opts.maxBodyBytes ?? apiEnv.LEDE_TRPC_MAX_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return jsonError(413, `Body larger than ${err.limit} bytes`);
      throw err;
    }
    forwarded = new Request(req.url, { method: 'POST', headers: req.headers, body, signal: req.signal });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: forwarded,
    router: opts.router,
    maxBatchSize: opts.maxBatchSize ?? apiEnv.LEDE_TRPC_MAX_BATCH,
    createContext: () => opts.createContext(req),
    responseMeta({ errors }) {
      const wait = errors.map(retryAfterOf).find((s) => s !== null);
      return wait ? { headers: new Headers({ 'retry-after': String(wait) }) } : {};
    },
  });
}
