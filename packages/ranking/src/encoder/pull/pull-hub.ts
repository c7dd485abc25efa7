import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** What the Hub says about one file: git blob id and size, plus sha256 for LFS files. */
export interface HubFile {
  path: string;
  size?: number;
  blobId?: string;
  sha256?: string;
}

export interface HubRepoInfo {
  /** The commit the revision resolves to. */
  sha?: string;
  license?: string;
  files: HubFile[];
}

export interface HubClient {
  endpoint: string;
  repo: string;
  token?: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** Largest file accepted, bytes: a download is refused from its promised size and stopped past it. */
  maxFileBytes: number;
}

/** fp32 weights of the largest BERT-family encoders Lede can serve are ~1.3 GB; nothing it needs is bigger. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 ** 3;

/**
 * A file path from the Hub's listing, refused unless it is relative and stays inside the model directory: no
 * `..`, `.` or empty segments, no backslash, colon or NUL (a hostile mirror could otherwise name `../../x`).
 */
export function assertSafeRepoPath(p: string): string {
  const segments = p.split('/');
  if (p.length > 300 || /[\\:\0]/.test(p) || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new HubError(`The Hub listed an unsafe file path: ${JSON.stringify(p.slice(0, 100))}`);
  }
  return p;
}

/**
 * Where a download may be redirected: the endpoint's own host and its subdomains, over https unless the
 * endpoint itself is plain http; for huggingface.co also its CDNs (`*.huggingface.co`, `*.hf.co`).
 */
export function isAllowedRedirect(endpoint: string, target: URL): boolean {
  const base = new URL(endpoint);
  if (target.protocol !== 'https:' && !(base.protocol === 'http:' && target.protocol === 'http:')) return false;
  const host = target.hostname;
  const within = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (within(base.hostname) && (target.port === base.port || host !== base.hostname)) return true;
  return base.hostname === 'huggingface.co' && (within('huggingface.co') || within('hf.co'));
}

export interface DownloadedFile {
  path: string;
  bytes: number;
  sha256: string;
  /** The commit that served the file (X-Repo-Commit), when the Hub says. */
  commit?: string;
}

interface ZSibling {
  rfilename?: unknown;
  size?: unknown;
  blobId?: unknown;
  lfs?: { sha256?: unknown; size?: unknown } | null;
}

export class HubError extends Error {
  override name = 'HubError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The repo's file list, commit and licence from `/api/models/<repo>/revision/<rev>?blobs=true`. Null when the
 * endpoint has no such API (a plain mirror of the resolve layout): the caller falls back to a fixed list.
 * A 401/403 is an error, not a fallback: the files would fail the same way.
 */
export async function fetchRepoInfo(hub: HubClient, revision: string): Promise<HubRepoInfo | null> {
  const url = `${hub.endpoint}/api/models/${hub.repo}/revision/${encodeURIComponent(revision)}?blobs=true`;
  let res: Response;
  try {
    res = await hub.fetch(url, { headers: authHeaders(hub, url), signal: hub.signal });
  } catch (error) {
    throw new HubError(`Cannot reach ${hub.endpoint}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (res.status === 401 || res.status === 403) throw new HubError(`${hub.repo}@${revision}: access denied (${res.status}); set HF_TOKEN for gated models`, res.status);
  if (!res.ok) {
    await res.body?.cancel();
    return null;
  }
  const body = (await res.json().catch(() => null)) as { sha?: unknown; siblings?: unknown; cardData?: { license?: unknown } } | null;
  if (!body || !Array.isArray(body.siblings)) return null;
  const files = (body.siblings as ZSibling[]).flatMap((s): HubFile[] => {
    const path = str(s.rfilename);
    if (!path) return [];
    assertSafeRepoPath(path);
    return [{ path, size: num(s.lfs?.size) ?? num(s.size), blobId: s.lfs ? undefined : str(s.blobId), sha256: str(s.lfs?.sha256)?.toLowerCase() }];
  });
  const license = body.cardData?.license;
  return { sha: str(body.sha), license: Array.isArray(license) ? license.filter((l) => typeof l === 'string').join(' OR ') : str(license), files };
}

/**
 * Streams `${endpoint}/<repo>/resolve/<revision>/<file>` into `target`, hashing as it goes, and checks what
 * the Hub promised: size (API or X-Linked-Size / Content-Length), sha256 (API or X-Linked-Etag of LFS files)
 * and the git blob id (API or ETag of small files). Returns null on a 404 (the caller decides whether the
 * file was optional). Redirects are followed by hand: the Hub's own headers sit on the first response, and
 * the token must not travel to the CDN.
 */
export async function downloadFile(hub: HubClient, revision: string, file: HubFile, target: string): Promise<DownloadedFile | null> {
  assertSafeRepoPath(file.path);
  let url = `${hub.endpoint}/${hub.repo}/resolve/${encodeURIComponent(revision)}/${file.path.split('/').map(encodeURIComponent).join('/')}`;
  const expected = { ...file };
  let commit: string | undefined;
  let res: Response | undefined;
  for (let hop = 0; hop < 6; hop++) {
    try {
      res = await hub.fetch(url, { headers: authHeaders(hub, url), redirect: 'manual', signal: hub.signal });
    } catch (error) {
      throw new HubError(`Download of ${file.path} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Only the Hub's own responses make promises; a CDN's ETag means something else.
    if (new URL(url).origin === new URL(hub.endpoint).origin) {
      commit ??= str(res.headers.get('x-repo-commit'));
      readPromises(res.headers, expected);
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) break;
    await res.body?.cancel();
    const next = new URL(location, url);
    if (!isAllowedRedirect(hub.endpoint, next)) throw new HubError(`Download of ${file.path} redirected to ${next.host}, which is not the Hub or its CDN`);
    url = next.toString();
  }
  if (!res) throw new HubError(`Download of ${file.path} failed`);
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new HubError(`Download of ${file.path} failed: HTTP ${res.status}`, res.status);
  }
  // fetch decompresses transparently, and Content-Length then counts the compressed bytes.
  if (expected.size === undefined && !res.headers.get('content-encoding')) {
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(length)) expected.size = length;
  }
  if (expected.size !== undefined && expected.size > hub.maxFileBytes) {
    await res.body.cancel();
    throw new HubError(`${file.path} is ${expected.size} bytes, over the ${hub.maxFileBytes}-byte limit`);
  }
  const sha256 = createHash('sha256');
  // A git blob id is sha1("blob <size>\0" + content): checkable only when the size is known up front.
  const sha1 = expected.blobId && expected.size !== undefined ? createHash('sha1').update(`blob ${expected.size}\0`) : null;
  let bytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > hub.maxFileBytes) return done(new Error(`over the ${hub.maxFileBytes}-byte limit`));
      sha256.update(chunk);
      sha1?.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), hasher, createWriteStream(target));
  } catch (error) {
    throw new HubError(`Download of ${file.path} was interrupted after ${bytes} bytes: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = { path: file.path, bytes, sha256: sha256.digest('hex'), commit };
  checkPromises(result, expected, sha1?.digest('hex'));
  return result;
}

/** Headers the Hub sets on resolve responses; the API's values (already in `expected`) take precedence. */
function readPromises(headers: Headers, expected: HubFile): void {
  const linkedEtag = unquote(headers.get('x-linked-etag'));
  if (linkedEtag && /^[0-9a-f]{64}$/i.test(linkedEtag)) expected.sha256 ??= linkedEtag.toLowerCase();
  const linkedSize = Number(headers.get('x-linked-size') ?? Number.NaN);
  if (Number.isFinite(linkedSize)) expected.size ??= linkedSize;
  const etag = unquote(headers.get('etag'));
  if (!linkedEtag && etag && /^[0-9a-f]{40}$/i.test(etag)) expected.blobId ??= etag.toLowerCase();
}

function checkPromises(actual: DownloadedFile, expected: HubFile, gitBlobId: string | undefined): void {
  if (actual.bytes === 0) throw new HubError(`${actual.path} is empty`);
  if (expected.size !== undefined && actual.bytes !== expected.size) {
    throw new HubError(`${actual.path} has ${actual.bytes} bytes, the Hub says ${expected.size} (interrupted download?)`);
  }
  if (expected.sha256 && actual.sha256 !== expected.sha256) {
    throw new HubError(`${actual.path} fails its sha256 check: ${actual.sha256}, the Hub says ${expected.sha256}`);
  }
  if (expected.blobId && gitBlobId && gitBlobId !== expected.blobId) {
    throw new HubError(`${actual.path} fails its git blob check: ${gitBlobId}, the Hub says ${expected.blobId}`);
  }
}

function unquote(value: string | null): string | undefined {
  return value?.replace(/^W\//, '').replace(/^"|"$/g, '') || undefined;
}

function authHeaders(hub: HubClient, url: string): Record<string, string> {
  return hub.token && new URL(url).origin === new URL(hub.endpoint).origin ? { authorization: `Bearer ${hub.token}` } : {};
}
