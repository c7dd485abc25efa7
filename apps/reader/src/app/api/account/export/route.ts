import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { type NextRequest, NextResponse } from 'next/server';

import { createContext, createReaderCaller } from '@lede/api';

import { readIdentity } from '~/server/context';

/** "Export my data": the reader's profile, events and impressions as a JSON download. */
export async function GET(req: NextRequest) {
  try {
    const data = await createReaderCaller(await createContext(readIdentity(req.cookies, req.headers))).account.export();
    return new NextResponse(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="lede-export-${data.exportedAt.toISOString().slice(0, 10)}.json"`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    if (err instanceof TRPCError) return NextResponse.json({ error: err.message }, { status: getHTTPStatusCodeFromError(err) });
    throw err;
  }
}
