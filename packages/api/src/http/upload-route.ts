import { getHTTPStatusCodeFromError } from '@trpc/server/http';

import { AppError } from '@lede/domain/shared';
import { toTRPCError } from '../errors';
import { getUploadQueue, MAX_UPLOAD_BYTES, startUploadImport } from '@lede/domain/newsroom';
import type { Context } from '../trpc';
import { BodyTooLargeError, readBodyBytes } from './read-body';
import { crossOriginRefusal, hasMediaType, jsonError } from './request-guard';

/** Room for the multipart boundaries and part headers around the files. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The newsroom's upload endpoint (multipart, field `file`, one file or news.tsv + behaviors.tsv): the only way
 * file bytes enter Lede over HTTP. The order matters: origin, role, then the body, counted as it streams (a
 * chunked upload has no Content-Length to check) and refused past the limit before the form is parsed.
 */
export async function handleUploadRequest(req: Request, ctx: Context, maxBytes = MAX_UPLOAD_BYTES): Promise<Response> {
  const refusal = crossOriginRefusal(req.headers);
  if (refusal) return jsonError(403, refusal);
  if (!ctx.user) return jsonError(401, 'Sign in first');
  if (ctx.user.role !== 'EDITOR' && ctx.user.role !== 'ADMIN') return jsonError(403, 'Editors only');
  if (!hasMediaType(req.headers, 'multipart/form-data')) return jsonError(415, 'Expected a multipart form with a file');

  let form: FormData;
  try {
    const body = await readBodyBytes(req, maxBytes + FORM_OVERHEAD_BYTES);
    form = await new Response(body, { headers: { 'content-type': req.headers.get('content-type') ?? '' } }).formData();
  } catch (err) {
    if (err instanceof BodyTooLargeError) return jsonError(413, `Upload is larger than ${Math.round(maxBytes / 1048576)} MB`);
    return jsonError(400, 'Expected a multipart form with a file');
  }
  const files = form.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
  try {
    if (files.length < 1 || files.length > 2) throw new AppError('BAD_REQUEST', 'Choose one file, or news.tsv and behaviors.tsv');
    const total = files.reduce((s, f) => s + f.size, 0);
    if (total > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Upload is ${(total / 1048576).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1048576)} MB`);
    const named = await Promise.all(files.map(async (f) => ({ name: f.name.slice(0, 255), bytes: new Uint8Array(await f.arrayBuffer()) })));
    return Response.json(await startUploadImport(ctx.db, getUploadQueue(ctx.db), ctx.user.id, named, { skipInvalid: form.get('skipInvalid') === 'on', asDrafts: form.get('asDrafts') === 'on' }));
  } catch (err) {
    const trpcErr = toTRPCError(err);
    if (trpcErr.code === 'INTERNAL_SERVER_ERROR') throw err;
    return jsonError(getHTTPStatusCodeFromError(trpcErr), trpcErr.message);
  }
}
