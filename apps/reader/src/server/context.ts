import 'server-only';

import type { CreateContextOptions } from '@lede/api';

import { isReaderId, READER_COOKIE, SESSION_COOKIE } from '~/lib/cookies';

interface CookieReader {
  get(name: string): { value: string } | undefined;
}

/** The API context's identity, from the request's cookies (the same for server components and route handlers). */
export function readIdentity(cookies: CookieReader): CreateContextOptions {
  const readerId = cookies.get(READER_COOKIE)?.value;
  return {
    sessionToken: cookies.get(SESSION_COOKIE)?.value ?? null,
    readerId: isReaderId(readerId) ? readerId : null,
  };
}
