import { TRPCError } from '@trpc/server';
import type { NextRequest } from 'next/server';

import { getApi } from '~/server/caller';

/** The metrics page's series as a CSV download; the procedure checks the role and validates the query. */
export async function GET(req: NextRequest) {
  const p = req.nextUrl.searchParams;
  try {
    const csv = await (await getApi()).admin.metrics.exportCsv({
      from: p.get('from') ?? '',
      to: p.get('to') ?? '',
      granularity: p.get('granularity') === 'hour' ? 'hour' : 'day',
      by: p.get('by') === 'modelVersion' ? 'modelVersion' : p.get('by') === 'category' ? 'category' : 'total',
    });
    const name = `lede-metrics-${p.get('by') ?? 'total'}-${p.get('from')}-${p.get('to')}.csv`.replace(/[^\w.-]/g, '_');
    return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
  } catch (err) {
    if (err instanceof TRPCError) {
      const status = err.code === 'UNAUTHORIZED' ? 401 : err.code === 'FORBIDDEN' ? 403 : err.code === 'BAD_REQUEST' ? 400 : 500;
      return new Response(status === 500 ? 'Something went wrong' : err.message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    throw err;
  }
}
