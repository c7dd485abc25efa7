// `npm run bench -- fuzz [--cases N] [--seed S]`: generated malformed inputs against the product's own entry
// points, on a scratch embedded (SQLite) database: files through the import (importPath, what the import job
// runs) and uploads through storeUpload (what the upload route stores and unpacks), tRPC requests through the
// apps' /api/trpc handler (handleTrpcRequest, in-process, with the reader and admin routers). Each input must
// get a 4xx or an import error naming `file:line` (or the file, for a file that is not a feed at all), and a
// checksum of the whole database after the run must equal the one before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The API is fuzzed through the apps' /api/trpc handler, as the feed benchmark serves it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { adminRouter, createContext, readerRouter } from '@lede/api';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { handleTrpcRequest } from '@lede/api/http';
import type { Db } from '@lede/db';
import { createTestDb } from '@lede/db/testing';
import { ImportError, importPath, InvalidItemsError, parseJsonlArticle } from '@lede/domain/ingest';
import { ensureBaselineVersion } from '@lede/domain/model-versions';
import { storeUpload } from '@lede/domain/newsroom';
import { createSession, hashPassword, issueReaderId } from '@lede/domain/readers';
import { AppError } from '@lede/domain/shared';

import { checksumDb } from './db-checksum';
import { badFeed, badJsonlLine, badMindFolder, deepJson, int, nastyString, pick, type Rng, seededRng, validJsonlArticle, wrongValue } from './fuzz-inputs';
import { badZip } from './fuzz-zip';

type Kind = 'jsonl' | 'feed' | 'mind' | 'zip' | 'trpc';
type Outcome = 'file:line' | 'file' | '4xx';

export interface FuzzResult {
  cases: number;
  seed: number;
  by_kind: Record<Kind, number>;
  outcomes: Record<Outcome, number>;
  statuses: Record<string, number>;
  failures: { kind: Kind; detail: string }[];
  db_unchanged: boolean;
  checksum_before: string;
  checksum_after: string;
  seconds: number;
}

const HOST = 'fuzz.test';
/** A MIND zip upload may not unpack past this here (the product's cap is 500 MB: the bombs stay small). */
const FUZZ_UNZIP_CAP = 1024 * 1024;

export async function runFuzz(opts: { cases?: number; seed?: number } = {}): Promise<FuzzResult> {
  const cases = opts.cases ?? 1000;
  const seed = opts.seed ?? 1;
  const rng = seededRng(seed);
  const started = Date.now();
  const scratch = await createTestDb('sqlite');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-fuzz-'));
  try {
    const { db } = scratch;
    const who = await seed_(db, dir);
    const before = await checksumDb(db, 'sqlite');
    const result: FuzzResult = {
      cases: 0,
      seed,
      by_kind: { jsonl: 0, feed: 0, mind: 0, zip: 0, trpc: 0 },
      outcomes: { 'file:line': 0, file: 0, '4xx': 0 },
      statuses: {},
      failures: [],
      db_unchanged: false,
      checksum_before: before.sha256,
      checksum_after: '',
      seconds: 0,
    };
    const procedures = [...listProcedures(readerRouter, 'reader'), ...listProcedures(adminRouter, 'admin')];
    const kinds: Kind[] = ['jsonl', 'feed', 'mind', 'zip', 'trpc', 'trpc'];
    for (let i = 0; i < cases; i++) {
      const kind = kinds[i % kinds.length]!;
      result.by_kind[kind] += 1;
      result.cases += 1;
      const caseDir = path.join(dir, `case-${i}`);
      fs.mkdirSync(caseDir);
      try {
        const outcome = kind === 'trpc' ? await trpcCase(rng, db, who, procedures, result) : await fileCase(kind, rng, db, caseDir, i);
        result.outcomes[outcome] += 1;
      } catch (err) {
        result.failures.push({ kind, detail: (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300) });
      } finally {
        fs.rmSync(caseDir, { recursive: true, force: true });
      }
      if ((i + 1) % 100 === 0) console.error(`fuzz: ${i + 1}/${cases} cases, ${result.failures.length} failures`);
    }
    const after = await checksumDb(db, 'sqlite');
    result.checksum_after = after.sha256;
    result.db_unchanged = after.sha256 === before.sha256;
    if (!result.db_unchanged) {
      const changed = Object.keys({ ...before.rows, ...after.rows }).filter((t) => before.rows[t] !== after.rows[t]);
      result.failures.push({ kind: 'trpc', detail: `database changed; row counts differ in: ${changed.join(', ') || '(same counts, different rows)'}` });
    }
    result.seconds = Math.round((Date.now() - started) / 1000);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
  }
}

interface Who {
  readerId: string;
  adminToken: string;
}

/** A few real articles (so imports meet existing rows), an anonymous reader, and an admin with a session. */
async function seed_(db: Db, dir: string): Promise<Who> {
  const rng = seededRng(999);
  const file = path.join(dir, 'seed.jsonl');
  fs.writeFileSync(file, Array.from({ length: 20 }, (_, k) => JSON.stringify({ ...validJsonlArticle(`seed-${k}`, rng), title: `Seed ${k}`, description: 'x' })).join('\n'));
  await importPath(db, file);
  const readerId = issueReaderId();
  await db.user.create({ data: { id: readerId, interests: [] } });
  const admin = await db.user.create({ data: { email: 'fuzz-admin@example.com', role: 'ADMIN', isAnonymous: false, interests: [], passwordHash: await hashPassword('fuzz-password-1') } });
  const { token } = await createSession(db, admin.id);
  // admin.models.list seeds the baseline version when it is missing: seed it first, as setup does.
  await ensureBaselineVersion(db, null);
  return { readerId, adminToken: token };
}

/** An import error as the newsroom shows it: `file:line: …` for a bad item, `file: …` for an unreadable file. */
function classifyImportError(err: unknown, file: string): Outcome {
  const errors = err instanceof InvalidItemsError ? err.items : err instanceof ImportError ? [err] : null;
  if (!errors) throw err;
  const message = err instanceof Error ? err.message : '';
  const base = path.basename(file);
  if (errors.some((e) => e.line !== undefined) && /[^\s:]+:\d+: /.test(message)) return 'file:line';
  if (message.includes(base) || errors.every((e) => e.file)) return 'file';
  throw new Error(`import error names no file: ${message.slice(0, 200)}`);
}

async function fileCase(kind: Exclude<Kind, 'trpc'>, rng: Rng, db: Db, caseDir: string, i: number): Promise<Outcome> {
  let target: string;
  if (kind === 'jsonl') {
    const lines = Array.from({ length: int(rng, 0, 4) }, (_, k) => JSON.stringify(validJsonlArticle(`fz-${i}-${k}`, rng)));
    let bad = badJsonlLine(rng, `fz-${i}-bad`);
    // The generator must make a line the importer refuses; fall back to a truncated line if it did not.
    if (accepts(bad)) bad = '{"id":';
    lines.splice(int(rng, 0, lines.length), 0, bad);
    if (rng() < 0.2) lines.unshift('', '   ');
    target = path.join(caseDir, `case-${i}${pick(rng, ['.jsonl', '.ndjson'])}`);
    fs.writeFileSync(target, lines.join(pick(rng, ['\n', '\r\n'])));
  } else if (kind === 'feed') {
    const feed = badFeed(rng, String(i));
    target = path.join(caseDir, `case-${i}${feed.ext}`);
    fs.writeFileSync(target, feed.text, 'latin1');
  } else if (kind === 'mind') {
    target = caseDir;
    for (const [name, text] of Object.entries(badMindFolder(rng, String(i)))) fs.writeFileSync(path.join(caseDir, name), text);
    if (rng() < 0.3) target = path.join(caseDir, 'news.tsv');
  } else {
    // An upload: stored and unpacked as the upload route does (a 4xx refusal here), then imported by the job.
    let stored: Awaited<ReturnType<typeof storeUpload>>;
    try {
      stored = await storeUpload([{ name: pick(rng, ['mind.zip', 'MIND_small.ZIP', 'x.zip']), bytes: badZip(rng, String(i)) }], caseDir, FUZZ_UNZIP_CAP);
    } catch (err) {
      if (err instanceof AppError && statusOf(err.code) >= 400 && statusOf(err.code) < 500) return '4xx';
      throw err;
    }
    target = stored.importPath;
  }
  try {
    const summary = await importPath(db, target, { source: 'fuzz' });
    throw new Error(`imported a malformed ${kind} input: ${summary.articles} articles, ${summary.impressions} impressions`);
  } catch (err) {
    return classifyImportError(err, target);
  }
}

function accepts(line: string): boolean {
  try {
    parseJsonlArticle(line, 'x.jsonl', 1);
    return true;
  } catch {
    return false;
  }
}

function statusOf(code: string): number {
  return ({ BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PAYLOAD_TOO_LARGE: 413, TOO_MANY_REQUESTS: 429 } as Record<string, number>)[code] ?? 500;
}

// ---------------------------------------------------------------- tRPC

interface Proc {
  app: 'reader' | 'admin';
  path: string;
  type: 'query' | 'mutation';
  schema: { safeParse(v: unknown): { success: boolean } } | null;
  keys: string[];
}

/** Input nested 1,000–100,000 deep, at the top or under one of the procedure's keys, where the schema refuses it. */
function deepPayload(rng: Rng, proc: Proc): string | null {
  const refuses = (v: unknown) => !proc.schema!.safeParse(v).success;
  const depth = int(rng, 1000, 100_000);
  if (refuses({ a: { a: 1 } })) return `{"json":${deepJson(depth)}}`;
  const key = proc.keys.find((k) => refuses({ [k]: { a: { a: 1 } } }));
  return key ? `{"json":{${JSON.stringify(key)}:${deepJson(depth)}}}` : null;
}

/** encodeURIComponent of the UTF-8 bytes (a lone surrogate becomes U+FFFD instead of throwing). */
function percentEncode(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1').replace(/[^A-Za-z0-9\-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

function listProcedures(router: { _def: { procedures: object } }, app: 'reader' | 'admin'): Proc[] {
  const procs = router._def.procedures as Record<string, { _def: unknown }>;
  return Object.entries(procs).flatMap(([p, proc]) => {
    const def = proc._def as { type: string; inputs: { safeParse(v: unknown): { success: boolean }; shape?: Record<string, unknown> }[] };
    if (def.type !== 'query' && def.type !== 'mutation') return [];
    const schema = def.inputs[0] ?? null;
    return [{ app, path: p, type: def.type, schema, keys: schema?.shape ? Object.keys(schema.shape) : [] }];
  });
}

/** An input the procedure's own schema refuses (so nothing may run), or null when none was found. */
function malformedInput(rng: Rng, proc: Proc): unknown {
  for (let tries = 0; tries < 20; tries++) {
    let v: unknown;
    if (proc.keys.length && rng() < 0.7) {
      v = Object.fromEntries(proc.keys.filter(() => rng() < 0.7).map((k) => [k, wrongValue(rng)]));
      (v as Record<string, unknown>)[pick(rng, proc.keys)] = wrongValue(rng);
    } else v = wrongValue(rng);
    if (!proc.schema || !proc.schema.safeParse(v).success) return v;
  }
  return null;
}

async function trpcCase(rng: Rng, db: Db, who: Who, procs: Proc[], result: FuzzResult): Promise<Outcome> {
  // Only procedures with an input schema: a procedure without one ignores what it is sent.
  const withInput = procs.filter((p) => p.schema);
  let proc = pick(rng, withInput);
  let input = malformedInput(rng, proc);
  while (input === null) {
    proc = pick(rng, withInput);
    input = malformedInput(rng, proc);
  }
  const headers: Record<string, string> = { host: HOST, 'x-fuzz-as': proc.app };
  let url = `http://${HOST}/api/trpc/${proc.path}`;
  let init: RequestInit = { method: 'GET' };
  const style = int(rng, 0, 9);
  const payload = style === 0 ? `${nastyString(rng)}\u0000` : style === 5 ? deepPayload(rng, proc) ?? JSON.stringify({ json: input }) : style === 1 ? `{"json":${JSON.stringify(input)},"meta":{"values":{"":["Date"],"a.b":[["custom","x"]]}}}` : JSON.stringify({ json: input });
  if (proc.type === 'query') {
    url += `?${style === 2 ? 'batch=1&' : ''}input=${style === 6 ? '%E0%A4%A%ZZ' : percentEncode(style === 2 ? JSON.stringify({ 0: { json: input }, 1: { json: input } }) : payload)}`;
    if (style === 2) url = url.replace(`/api/trpc/${proc.path}`, `/api/trpc/${proc.path},${proc.path}`);
  } else {
    headers['content-type'] = style === 3 ? pick(rng, ['text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream']) : 'application/json';
    headers.origin = style === 4 ? 'http://evil.test' : `http://${HOST}`;
    init = { method: 'POST', body: payload };
  }
  const req = new Request(url, { ...init, headers });
  const res = await handleTrpcRequest(req, {
    router: proc.app === 'reader' ? readerRouter : adminRouter,
    createContext: () => createContext({ db, sessionToken: proc.app === 'admin' ? who.adminToken : null, readerId: proc.app === 'reader' ? who.readerId : null, ip: '203.0.113.9' }),
  });
  await res.arrayBuffer();
  const key = String(res.status);
  result.statuses[key] = (result.statuses[key] ?? 0) + 1;
  if (res.status >= 400 && res.status < 500) return '4xx';
  throw new Error(`${proc.app} ${proc.type} ${proc.path} answered ${res.status} to ${payload.slice(0, 120)}`);
}
