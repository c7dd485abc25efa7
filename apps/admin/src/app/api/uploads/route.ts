import { TRPCError } from '@trpc/server';
import type { NextRequest } from 'next/server';

import { getApi } from '~/server/caller';
import { MAX_UPLOAD_BYTES, trpcErrorResponse } from '~/server/upload-limits';

/**
 * Receives an import upload (multipart, field `file`, one or two files) and hands it to `admin.uploads.create`,
 * which checks the role, stores it under data/uploads/ and enqueues the import. Bodies over the limit are
 * refused from their Content-Length before anything is read.
 */
export async function POST(req: NextRequest) {
  const length = Number(req.headers.get('content-length') ?? NaN);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) {
    return Response.json({ error: `Upload is larger than ${MAX_UPLOAD_BYTES / 1048576} MB` }, { status: 413 });
  }
  const api = await getApi();
  const me = await api.auth.me();
  if (!me || (me.role !== 'EDITOR' && me.role !== 'ADMIN')) return Response.json({ error: 'Editors only' }, { status: me ? 403 : 401 });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ error: 'Expected a multipart form with a file' }, { status: 400 });
  }
  const files = form.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
  try {
    const total = files.reduce((s, f) => s + f.size, 0);
    if (total > MAX_UPLOAD_BYTES) throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: `Upload is ${(total / 1048576).toFixed(1)} MB; the limit is 50 MB` });
    const result = await api.admin.uploads.create({
      files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
      skipInvalid: form.get('skipInvalid') === 'on',
    });
    return Response.json(result);
  } catch (err) {
    return trpcErrorResponse(err);
  }
}
