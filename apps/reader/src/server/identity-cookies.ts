import 'server-only';

import { cookies, headers } from 'next/headers';

import { ONE_YEAR_S, READER_COOKIE, SESSION_COOKIE } from '~/lib/cookies';

async function isHttps(): Promise<boolean> {
  const h = await headers();
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto) return proto === 'https';
  return h.get('origin')?.startsWith('https://') ?? false;
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: await isHttps(), path: '/', expires: expiresAt });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/**
 * A fresh anonymous reader id. Called whenever the identity changes (sign up, sign in, sign out, deletion):
 * the old id may now name an account, which a cookie id alone must not act as.
 */
export async function rotateReaderCookie(): Promise<void> {
  (await cookies()).set(READER_COOKIE, crypto.randomUUID(), { httpOnly: true, sameSite: 'lax', secure: await isHttps(), path: '/', maxAge: ONE_YEAR_S });
}
