/**
 * The session cookie's name: `__Host-<base>` over https, which browsers accept only when Secure, without Domain
 * and for path `/`, so a sibling subdomain or a plain-http page cannot plant or overwrite it; the plain name on
 * http (localhost demos), where browsers refuse `__Host-` cookies. Each app has its own base name, so signing in
 * on one never replaces or reveals the other's session.
 */
export function sessionCookieName(base: string, https: boolean): string {
  return https ? `__Host-${base}` : base;
}
