import 'server-only';

import { cookies, headers } from 'next/headers';

import { isHttps as isHttpsRequest } from '@lede/api/http';
import { issueReaderId } from '@lede/api/reader-id';

import { ONE_YEAR_S, READER_COOKIE } from '~/lib/cookies';

import { readerSessionCookie } from './context';

async function isHttps(): Promise<boolean> {
  return isHttpsRequest(await headers());
}

export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(readerSessionCookie(await headers()), token, { httpOnly: true, sameSite: 'lax', secure: await isHttps(), path: '/', expires: expiresAt });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete({ name: readerSessionCookie(await headers()), path: '/', secure: await isHttps() });
}

/**
 * A fresh anonymous reader id. Called whenever the identity changes (sign up, sign in, sign out, deletion):
 * the old id may now name an account, which a cookie id alone must not act as.
 */
export async function rotateReaderCookie(): Promise<void> {
  (await cookies()).set(READER_COOKIE, issueReaderId(), { httpOnly: true, sameSite: 'lax', secure: await isHttps(), path: '/', maxAge: ONE_YEAR_S });
}
