/** Any origin does: only whether the resolved URL leaves it matters. */
const BASE = 'http://lede.invalid';

/**
 * A path on this app to go to after sign-in, from an untrusted `next` parameter; '/' for anything else. The
 * value is resolved as a browser would (backslashes count as slashes, tabs and newlines are dropped, so
 * `/\evil.com` and `/<tab>/evil.com` name another host) and must stay on the same origin; the result never
 * starts with `//`, which a browser would read as another host.
 */
export function safeRedirectPath(next: string | null | undefined): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  return `/${url.pathname.replace(/^\/+/, '')}${url.search}${url.hash}`;
}
