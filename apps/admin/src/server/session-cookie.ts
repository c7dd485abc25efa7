import 'server-only';

import { cookies, headers } from 'next/headers';

import { isHttps } from '@lede/api/http';

import { adminSessionCookie } from './context';

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const h = await headers();
  // Strict: the newsroom is never entered from a link on another site with its session attached.
  (await cookies()).set(adminSessionCookie(h), token, { httpOnly: true, sameSite: 'strict', secure: isHttps(h), path: '/', expires: expiresAt });
}

export async function clearSessionCookie(): Promise<void> {
  const h = await headers();
  (await cookies()).delete({ name: adminSessionCookie(h), path: '/', secure: isHttps(h) });
}
