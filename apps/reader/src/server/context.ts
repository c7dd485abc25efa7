import 'server-only';

import type { CreateContextOptions } from '@lede/api';
import { clientIp, isHttps, sessionCookieName } from '@lede/api/http';

import { isReaderId, READER_COOKIE, SESSION_COOKIE } from '~/lib/cookies';

interface CookieReader {
  get(name: string): { value: string } | undefined;
}

interface HeaderReader {
  get(name: string): string | null;
}

/** The reader session cookie's name for this request (`__Host-` prefixed over https). */
export function readerSessionCookie(headers: HeaderReader): string {
  return sessionCookieName(SESSION_COOKIE, isHttps(headers));
}

/** The API context's identity, from the request's cookies and headers (the same for server components and route handlers). */
export function readIdentity(cookies: CookieReader, headers: HeaderReader): CreateContextOptions {
  const readerId = cookies.get(READER_COOKIE)?.value;
  return {
    sessionToken: cookies.get(readerSessionCookie(headers))?.value ?? null,
    readerId: isReaderId(readerId) ? readerId : null,
    ip: clientIp(headers),
  };
}
