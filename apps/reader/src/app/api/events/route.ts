import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { type NextRequest, NextResponse } from 'next/server';

import { createCaller, createContext } from '@lede/api';

import { env } from '~/env';
import { readIdentity } from '~/server/context';
import { BodyTooLargeError, readBodyText } from '~/server/read-body';

/**
 * Reader events sent with navigator.sendBeacon (text/plain JSON, `{ events: [...] }`) or fetch keepalive.
 * A beacon cannot read its answer, so the statuses are for fetch callers, logs and tests.
 */
export async function POST(req: NextRequest) {
  // sendBeacon bodies are "simple" requests; refuse ones a foreign site makes the browser send.
  if (req.headers.get('sec-fetch-site') === 'cross-site') return error(403, 'Cross-site events are not accepted');

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

  try {
    const api = createCaller(await createContext(readIdentity(req.cookies)));
    // The procedure validates the shape; a malformed batch becomes a 400 below.
    const result = await api.events.log(body as Parameters<typeof api.events.log>[0]);
    return NextResponse.json(result);
  } catch (err) {
    if (err instanceof TRPCError) {
      const status = getHTTPStatusCodeFromError(err);
      return error(status, status >= 500 ? 'Could not store events' : describe(err));
    }
    throw err;
  }
}

function describe(err: TRPCError): string {
  const issues = (err.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (!issues?.length) return err.message;
  return `Invalid events: ${issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ')}`;
}

function error(status: number, message: string) {
  return NextResponse.json({ error: message }, { status });
}
