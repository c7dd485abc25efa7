import { type NextRequest, NextResponse } from 'next/server';

import { issueReaderId } from '@lede/api/reader-id';

import { isReaderId, ONE_YEAR_S, READER_COOKIE } from './lib/cookies';

/**
 * Gives every visitor a stable anonymous reader id. A first visit gets a new id both on the response (for the
 * browser) and on the forwarded request, so this very request's server components already rank for it.
 */
export function proxy(request: NextRequest) {
  if (isReaderId(request.cookies.get(READER_COOKIE)?.value)) return NextResponse.next();

  // Signed: the API makes new readers only of ids it issued.
  const readerId = issueReaderId();
  request.cookies.set(READER_COOKIE, readerId);
  const headers = new Headers(request.headers);
  headers.set('cookie', request.cookies.toString());

  const response = NextResponse.next({ request: { headers } });
  response.cookies.set(READER_COOKIE, readerId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.nextUrl.protocol === 'https:',
    path: '/',
    maxAge: ONE_YEAR_S,
  });
  return response;
}

export const config = {
  // Pages and API routes; not static assets.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?)$).*)'],
};
