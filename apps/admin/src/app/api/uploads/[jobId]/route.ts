import type { NextRequest } from 'next/server';

import { getApi } from '~/server/caller';
import { trpcErrorResponse } from '~/server/upload-limits';

/** An import job's state, polled by the upload form. */
export async function GET(_req: NextRequest, { params }: { params: Promise<{ jobId: string }> }) {
  try {
    return Response.json(await (await getApi()).admin.uploads.status({ jobId: (await params).jobId }));
  } catch (err) {
    return trpcErrorResponse(err);
  }
}
