import 'server-only';

import type { CreateContextOptions } from '@lede/api';

import { SESSION_COOKIE } from '~/lib/cookies';

interface CookieReader {
  get(name: string): { value: string } | undefined;
}

/** The API context's identity: the admin knows only signed-in users. */
export function readIdentity(cookies: CookieReader): CreateContextOptions {
  return { sessionToken: cookies.get(SESSION_COOKIE)?.value ?? null };
}
