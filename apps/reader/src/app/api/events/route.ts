import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { type NextRequest, NextResponse } from 'next/server';

import { createContext, createReaderCaller } from '@lede/api';
import { BodyTooLargeError, crossOriginRefusal, hasMediaType, readBodyText, retryAfterOf } from '@lede/api/http';

import { env } from '~/env';
import { readIdentity } from '~/server/context';

/**
 * Reader events sent with navigator.sendBeacon (text/plain JSON, `{ events: [...], seen: [...] }`) or fetch
 * keepalive: clicks, dwell and feedback, plus the impressions of the feed cards the reader actually saw.
 * A beacon cannot read its answer, so the statuses are for fetch callers, logs and tests.
 */
export async function POST(req: NextRequest) {
  // sendBeacon bodies are "simple" requests (text/plain, no preflight): refuse what another origin makes a
  // browser send, from Origin and Sec-Fetch-Site; beacons carry both.
  const refusal = crossOriginRefusal(req.headers);
  if (refusal) return error(403, refusal);
  if (!hasMediaType(req.headers, 'text/plain') && !hasMediaType(req.headers, 'application/json')) return error(415, 'Events are sent as JSON text');

  let text: string;
  try {
    text = await readBodyText(req, env.LEDE_EVENTS_MAX_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return error(413, `Event batch larger than ${err.limit} bytes`);
    throw err;
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return error(400, 'Body is not valid JSON: expected {"events":[...]}');
  }

  if (!isBatch(body)) return error(400, 'Expected {"events":[...]} and/or {"seen":[...]}');

  try {
    const api = createReaderCaller(await createContext(readIdentity(req.cookies, req.headers)));
    // The procedures validate the shapes; a malformed batch becomes a 400 below.
    const seen = { stored: 0, duplicates: 0, unknownArticles: 0 };
    for (const batch of body.seen ?? []) {
      const r = await api.feed.seen(batch as Parameters<typeof api.feed.seen>[0]);
      seen.stored += r.stored;
      seen.duplicates += r.duplicates;
      seen.unknownArticles += r.unknownArticles;
    }
    const events = body.events?.length
      ? await api.events.log({ events: body.events } as Parameters<typeof api.events.log>[0])
      : { stored: 0, duplicates: 0, unknownArticles: 0 };
    return NextResponse.json({ ...events, seen });
  } catch (err) {
    if (err instanceof TRPCError) {
      const status = getHTTPStatusCodeFromError(err);
      const wait = retryAfterOf(err);
      return error(status, status >= 500 ? 'Could not store events' : describe(err), wait ? { 'retry-after': String(wait) } : undefined);
    }
    throw err;
  }
}

/** Clicks, dwell and feedback under `events`; impressions of seen cards under `seen`, grouped by feed request. */
function isBatch(body: unknown): body is { events?: unknown[]; seen?: unknown[] } {
  if (typeof body !== 'object' || body === null) return false;
  const { events, seen } = body as { events?: unknown; seen?: unknown };
  const okEvents = events === undefined || Array.isArray(events);
  const okSeen = seen === undefined || (Array.isArray(seen) && seen.length <= 20);
  return okEvents && okSeen && (Array.isArray(events) || Array.isArray(seen));
}

function describe(err: TRPCError): string {
  const issues = (err.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (!issues?.length) return err.message;
  return `Invalid events: ${issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ')}`;
}

function error(status: number, message: string, headers?: Record<string, string>) {
  return NextResponse.json({ error: message }, { status, headers });
}
