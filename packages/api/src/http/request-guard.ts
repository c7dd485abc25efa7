/**
 * Checks that apply to every state-changing HTTP request of both apps (tRPC mutations, uploads, reader events),
 * before any parsing. Browsers send `Origin` on every POST, and `Sec-Fetch-Site` too (Chromium, Firefox, Safari
 * 16.4+): a request another site makes a browser send names that site, and one from a sibling host or another
 * port of the same host says `same-site`, which SameSite=Lax cookies do not stop. Clients that are not browsers
 * send neither and are not CSRF vectors.
 */

interface HeaderReader {
  get(name: string): string | null;
}

/** The host (with port) the browser addressed, as the proxy in front of the app or Node saw it. */
function requestHost(headers: HeaderReader): string | null {
  return headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
}

/** Why a state-changing request is refused as cross-origin, or null when it comes from the app's own pages. */
export function crossOriginRefusal(headers: HeaderReader): string | null {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `Refused: a ${site} request`;
  const origin = headers.get('origin');
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'Refused: an opaque origin';
  }
  return originHost === requestHost(headers) ? null : 'Refused: a request from another origin';
}

/** Whether the media type of a body is `type` (parameters such as charset ignored). */
export function hasMediaType(headers: HeaderReader, type: string): boolean {
  return headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === type;
}

/**
 * The client's address for per-address limits: the last X-Forwarded-For hop, which is the one the proxy in
 * front of the app added (a client can only prepend), else the address Next itself put there.
 */
export function clientIp(headers: HeaderReader): string | null {
  const hops = headers.get('x-forwarded-for')?.split(',').map((h) => h.trim()).filter(Boolean);
  return hops?.at(-1) ?? headers.get('x-real-ip');
}

/** Whether the browser reached the app over https (directly or through a proxy that says so). */
export function isHttps(headers: HeaderReader, url?: string): boolean {
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto) return proto === 'https';
  return url?.startsWith('https:') ?? false;
}

export function jsonError(status: number, message: string, headers?: Record<string, string>): Response {
  return Response.json({ error: message }, { status, headers });
}
