import 'server-only';

import type { CreateContextOptions } from '@lede/api';
import { clientIp, isHttps, sessionCookieName } from '@lede/api/http';

import { SESSION_COOKIE } from '~/lib/cookies';

interface CookieReader {
  get(name: string): { value: string } | undefined;
}

interface HeaderReader {
  get(name: string): string | null;
}

/** The admin session cookie's name for this request (`__Host-` prefixed over https). */
export function adminSessionCookie(headers: HeaderReader): string {
  return sessionCookieName(SESSION_COOKIE, isHttps(headers));
}

/** The API context's identity: the admin knows only signed-in users. */
export function readIdentity(cookies: CookieReader, headers: HeaderReader): CreateContextOptions {
  return { sessionToken: cookies.get(adminSessionCookie(headers))?.value ?? null, ip: clientIp(headers) };
}
