import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { readManifest, verifyModel } from '../manifest';
import { pullModel } from './pull';
import { isAllowedRedirect } from './pull-hub';
import { looksLikeOnnx } from './pull-verify';

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../models/test-tiny-bert');
const hasFixture = existsSync(path.join(fixtureDir, 'onnx', 'model.onnx'));
const repo = 'lede-test/tiny-bert';
const commit = 'c0ffee'.padEnd(40, '0');
const lfsFiles = new Set(['onnx/model.onnx', 'onnx/model_quantized.onnx']);

interface HubBehaviour {
  api: boolean;
  missing: Set<string>;
  /** Served bytes differ from what the API promises. */
  corrupt: Set<string>;
  /** The connection drops halfway through the body. */
  truncate: Set<string>;
  /** Where LFS files redirect to (default: the same server's /cdn/). */
  cdnBase?: string;
  /** Extra names in the API's listing, e.g. a path that climbs out of the model directory. */
  extraListed?: string[];
}

/** A stand-in for huggingface.co: the API route and the resolve layout, LFS files behind a CDN redirect. */
function startHub(files: Map<string, Buffer>, behaviour: HubBehaviour): Promise<{ server: Server; endpoint: string; requests: string[] }> {
  const requests: string[] = [];
  const gitBlobId = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    requests.push(url.pathname);
    if (url.pathname === `/api/models/${repo}/revision/main` && behaviour.api) {
      const listed = [...files, ...(behaviour.extraListed ?? []).map((n) => [n, Buffer.from('x')] as const)];
      const siblings = listed.map(([rfilename, b]) =>
        lfsFiles.has(rfilename) ? { rfilename, size: b.length, blobId: 'x', lfs: { sha256: sha256(b), size: b.length, pointerSize: 134 } } : { rfilename, size: b.length, blobId: gitBlobId(b) },
      );
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: repo, sha: commit, siblings, cardData: { license: 'apache-2.0' } }));
      return;
    }
    const resolve = url.pathname.match(new RegExp(`^/${repo}/resolve/([^/]+)/(.+)$`));
    const cdn = url.pathname.match(/^\/cdn\/(.+)$/);
    const file = decodeURIComponent(resolve?.[2] ?? cdn?.[1] ?? '');
    const body = files.get(file);
    if (!body || behaviour.missing.has(file)) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    if (resolve && lfsFiles.has(file)) {
      res.writeHead(302, { location: `${behaviour.cdnBase ?? ''}/cdn/${file}`, 'x-repo-commit': commit, 'x-linked-etag': `"${sha256(body)}"`, 'x-linked-size': String(body.length) }).end();
      return;
    }
    const served = behaviour.corrupt.has(file) ? Buffer.from(body.map((x, i) => (i === body.length - 1 ? x ^ 0xff : x))) : body;
    res.writeHead(200, { 'content-length': String(served.length), ...(resolve ? { 'x-repo-commit': commit, etag: `"${gitBlobId(body)}"` } : {}) });
    if (behaviour.truncate.has(file)) {
      res.write(served.subarray(0, served.length >> 1), () => res.destroy());
      return;
    }
    res.end(served);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

async function readFixture(): Promise<Map<string, Buffer>> {
  const names = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'README.md', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(fixtureDir, n))] as const)));
}

describe.skipIf(!hasFixture)('pullModel against a local Hub', () => {
  let files: Map<string, Buffer>;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let behaviour: HubBehaviour;
  let modelsDir: string;
  const manifestText = `${JSON.stringify({ version: 1, default: null, models: {} }, null, 2)}\n`;

  beforeAll(async () => {
    files = await readFixture();
    behaviour = { api: true, missing: new Set(), corrupt: new Set(), truncate: new Set() };
    hub = await startHub(files, behaviour);
  });
  afterAll(() => new Promise<void>((ok) => hub.server.close(() => ok())));

  beforeEach(async () => {
    Object.assign(behaviour, { api: true, missing: new Set(), corrupt: new Set(), truncate: new Set(), cdnBase: undefined, extraListed: undefined });
    hub.requests.length = 0;
    modelsDir = await mkdtemp(path.join(tmpdir(), 'lede-pull-'));
    await writeFile(path.join(modelsDir, 'manifest.json'), manifestText);
  });
  afterEach(() => rm(modelsDir, { recursive: true, force: true }));

  const pull = (extra: Partial<Parameters<typeof pullModel>[0]> = {}) => pullModel({ repo, modelsDir, endpoint: hub.endpoint, ...extra });

  /** Nothing registered and nothing left on disk but the untouched manifest. */
  async function expectNothingInstalled() {
    expect(await readdir(modelsDir)).toEqual(['manifest.json']);
    expect(await readFile(path.join(modelsDir, 'manifest.json'), 'utf8')).toBe(manifestText);
  }

  it('downloads, verifies and registers a model pinned to the commit', async () => {
    const result = await pull();
    expect(result.name).toBe('tiny-bert');
    const entry = (await readManifest(modelsDir)).models['tiny-bert']!;
    expect(entry).toMatchObject({
      kind: 'encoder',
      dimensions: 512,
      maxLength: 128,
      pooling: 'mean',
      dtypes: { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx' },
      source: `hub:${repo}@${commit}`,
      license: 'apache-2.0',
      card: 'tiny-bert/README.md',
    });
    const original = (JSON.parse(await readFile(path.join(fixtureDir, '..', 'manifest.json'), 'utf8')) as { models: Record<string, { files: object }> }).models['test-tiny-bert']!;
    expect(entry.files).toEqual(original.files);
    await expect(verifyModel(modelsDir, 'tiny-bert', 'q8')).resolves.toMatchObject({ onnxFile: 'onnx/model_quantized.onnx' });
    expect(hub.requests.filter((r) => r.includes('/resolve/')).every((r) => r.includes(`/resolve/${commit}/`))).toBe(true);
    expect((await readdir(modelsDir)).sort()).toEqual(['manifest.json', 'tiny-bert']);
  });

  it('falls back to the fixed file list without the API, skipping missing optional files', async () => {
    behaviour.api = false;
    behaviour.missing.add('onnx/model_quantized.onnx');
    const result = await pull({ name: 'tiny', revision: 'main' });
    expect(result.source).toBe(`hub:${repo}@${commit}`);
    expect(result.entry.dtypes).toEqual({ fp32: 'onnx/model.onnx' });
    expect(Object.keys(result.entry.files).sort()).toEqual(['README.md', 'config.json', 'onnx/model.onnx', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);
  });

  it('fails clearly when a required file is missing, registering nothing', async () => {
    behaviour.missing.add('tokenizer.json');
    await expect(pull()).rejects.toThrow(/has no tokenizer\.json \(HTTP 404\); it is required/);
    await expectNothingInstalled();
  });

  it('rejects a file that fails its checksum', async () => {
    behaviour.corrupt.add('onnx/model_quantized.onnx');
    await expect(pull()).rejects.toThrow(/onnx\/model_quantized\.onnx fails its sha256 check/);
    await expectNothingInstalled();
  });

  it('rejects a small file that fails its git blob id (no API: ETag only)', async () => {
    behaviour.api = false;
    behaviour.corrupt.add('config.json');
    await expect(pull()).rejects.toThrow(/config\.json fails its git blob check/);
    await expectNothingInstalled();
  });

  it('leaves no partial model after an interrupted download', async () => {
    behaviour.truncate.add('onnx/model.onnx');
    await expect(pull()).rejects.toThrow(/onnx\/model\.onnx/);
    await expectNothingInstalled();
  });

  it('refuses a listing whose file paths climb out of the model directory', async () => {
    behaviour.extraListed = ['onnx/model.onnx_data_/../../../../escaped.txt'];
    await expect(pull({ dtypes: ['fp32'] })).rejects.toThrow(/unsafe file path/);
    await expectNothingInstalled();
    expect(existsSync(path.join(modelsDir, '..', 'escaped.txt'))).toBe(false);
  });

  it('follows redirects only to the Hub or its CDN', async () => {
    // The same server under another host name stands in for a foreign host.
    behaviour.cdnBase = hub.endpoint.replace('127.0.0.1', 'localhost');
    await expect(pull()).rejects.toThrow(/redirected to localhost:\d+, which is not the Hub/);
    await expectNothingInstalled();
    expect(hub.requests.some((r) => r.startsWith('/cdn/'))).toBe(false);
  });

  it('refuses a file over the size cap', async () => {
    await expect(pull({ maxFileBytes: 4096 })).rejects.toThrow(/over the 4096-byte limit/);
    await expectNothingInstalled();
  });

  it('refuses names that ship with Lede and replaces a pulled model only with force', async () => {
    await expect(pull({ name: 'lede-news-bert' })).rejects.toThrow(/ships with Lede/);
    await pull();
    await expect(pull()).rejects.toThrow(/already installed.*--force/);
    behaviour.corrupt.add('onnx/model.onnx');
    await expect(pull({ force: true })).rejects.toThrow(/sha256/);
    await expect(verifyModel(modelsDir, 'tiny-bert', 'fp32')).resolves.toBeDefined();
    behaviour.corrupt.clear();
    await expect(pull({ force: true })).resolves.toMatchObject({ name: 'tiny-bert' });
    expect((await readdir(modelsDir)).sort()).toEqual(['manifest.json', 'tiny-bert']);
  });
});

describe('looksLikeOnnx', () => {
  it('accepts a ModelProto start and rejects pointers and error pages', () => {
    expect(looksLikeOnnx(Uint8Array.from([0x08, 0x07, 0x12, 0x07]))).toBe(true);
    expect(looksLikeOnnx(Buffer.from('version https://git-lfs.github.com/spec/v1'))).toBe(false);
    expect(looksLikeOnnx(Buffer.from('<!doctype html>'))).toBe(false);
    expect(looksLikeOnnx(Buffer.from('{"error":"Entry not found"}'))).toBe(false);
    expect(looksLikeOnnx(new Uint8Array())).toBe(false);
  });
});

describe('isAllowedRedirect', () => {
  it("allows the Hub's CDNs and the endpoint's own host, nothing else", () => {
    const hf = 'https://huggingface.co';
    expect(isAllowedRedirect(hf, new URL('https://cdn-lfs-us-1.huggingface.co/repos/x'))).toBe(true);
    expect(isAllowedRedirect(hf, new URL('https://cas-bridge.xethub.hf.co/x'))).toBe(true);
    expect(isAllowedRedirect(hf, new URL('https://huggingface.co.evil.com/x'))).toBe(false);
    expect(isAllowedRedirect(hf, new URL('http://cdn-lfs.huggingface.co/x'))).toBe(false);
    expect(isAllowedRedirect('https://mirror.example', new URL('https://cdn-lfs.huggingface.co/x'))).toBe(false);
    expect(isAllowedRedirect('https://mirror.example', new URL('https://files.mirror.example/x'))).toBe(true);
  });
});
