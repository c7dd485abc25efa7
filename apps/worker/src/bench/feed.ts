import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import autocannon from 'autocannon';

import { createDb, type Db } from '@lede/db';
import { migrateDatabase } from '@lede/db/migrate';

import { readBenchEnv, readProcessEnv } from '../env';

const DIMS = 512;
const READERS = 200;
const HISTORY = 30;

/** Deterministic pseudo-random unit vectors: the benchmark measures serving cost, not ranking quality. */
function syntheticVector(seed: number): Uint8Array<ArrayBuffer> {
  const v = new Float32Array(DIMS);
  let s = seed * 2654435761;
  let norm = 0;
  for (let i = 0; i < DIMS; i++) {
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    v[i] = s / 2 ** 32 - 0.5;
    norm += v[i]! ** 2;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < DIMS; i++) v[i]! /= norm;
  return new Uint8Array(v.buffer);
}

async function seed(db: Db, articles: number, encoderVersion: string) {
  const categories = ['POLITICS', 'SPORTS', 'TECH', 'WORLD NEWS', 'ENTERTAINMENT', 'FOOD & DRINK', 'TRAVEL', 'SCIENCE'];
  const now = Date.now();
  for (let i = 0; i < articles; i += 2000) {
    const n = Math.min(2000, articles - i);
    await db.article.createMany({
      data: Array.from({ length: n }, (_, k) => ({
        source: 'bench',
        externalId: String(i + k),
        title: `Benchmark article ${i + k}`,
        abstract: 'Text is not read while serving.',
        category: categories[(i + k) % categories.length]!,
        // Spread over 60 days: about half the corpus falls inside the 30-day candidate window.
        publishedAt: new Date(now - ((i + k) / articles) * 60 * 86_400_000),
      })),
    });
  }
  const ids = (await db.article.findMany({ select: { id: true }, orderBy: { publishedAt: 'desc' } })).map((a) => a.id);
  for (let i = 0; i < ids.length; i += 1000) {
    await db.articleVector.createMany({
      data: ids.slice(i, i + 1000).map((articleId, k) => ({ articleId, encoderVersion, dims: DIMS, vector: syntheticVector(i + k + 1) })),
    });
  }
  for (let r = 0; r < READERS; r++) {
    const user = await db.user.create({ data: { id: `bench-reader-${r}`, interests: [categories[r % categories.length]!] } });
    await db.readerEvent.createMany({
      data: Array.from({ length: HISTORY }, (_, h) => ({
        clientEventId: `bench-${r}-${h}`,
        userId: user.id,
        articleId: ids[(r * 37 + h * 101) % Math.min(ids.length, 5000)]!,
        type: 'CLICK' as const,
        createdAt: new Date(now - h * 3_600_000),
      })),
    });
  }
}

function load(port: number, pathAndQuery: string, seconds: number) {
  let n = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 8,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        path: pathAndQuery,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-reader-id': `bench-reader-${n++ % READERS}` } }),
      },
    ],
  });
}

export interface FeedBenchRun {
  articles: number;
  feed_p50_ms: number;
  feed_p99_ms: number;
  feed_rps: number;
  baseline_p99_ms: number;
  p99_ratio: number;
  /** The same load with the reader caches off (LEDE_READER_CACHE_S=0): every request loads and ranks. */
  uncached_feed_p50_ms: number;
  uncached_feed_p99_ms: number;
  uncached_feed_rps: number;
  uncached_p99_ratio: number;
}

const FEED_PATH = `/feed.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`;

/**
 * Serves the API on a scratch SQLite database with `articles` articles and drives feed.list vs health.ping,
 * first as configured (reader caches on; every reader requested once before measuring, as in steady
 * state), then with the reader caches off, the cost of a reader whose clicks changed since their last feed.
 */
export async function runFeedBench(articles: number, { seconds = 10, encoderVersion = 'bench@synthetic' } = {}): Promise<FeedBenchRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-bench-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  try {
    await migrateDatabase(url);
    const db = createDb(url);
    await seed(db, articles, encoderVersion);
    await db.$disconnect();

    const cached = await withServer(url, encoderVersion, {}, async (port) => {
      for (let r = 0; r < READERS; r++) {
        const res = await fetch(`http://127.0.0.1:${port}${FEED_PATH}`, { headers: { 'x-reader-id': `bench-reader-${r}` } });
        if (!res.ok) throw new Error(`warm-up request failed: ${res.status} ${await res.text()}`);
      }
      await load(port, FEED_PATH, 2); // JIT
      return alternate(port, ['/health.ping', FEED_PATH], seconds);
    });
    const uncached = await withServer(url, encoderVersion, { LEDE_READER_CACHE_S: '0' }, async (port) => {
      await load(port, FEED_PATH, 2); // candidate pool, JIT
      return alternate(port, ['/health.ping', FEED_PATH], seconds);
    });
    return {
      articles,
      feed_p50_ms: cached.p50[1]!,
      feed_p99_ms: cached.p99[1]!,
      feed_rps: cached.rps[1]!,
      baseline_p99_ms: cached.p99[0]!,
      p99_ratio: cached.ratio,
      uncached_feed_p50_ms: uncached.p50[1]!,
      uncached_feed_p99_ms: uncached.p99[1]!,
      uncached_feed_rps: uncached.rps[1]!,
      uncached_p99_ratio: uncached.ratio,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ROUND_S = 2;

/**
 * Alternates short rounds of each path (baseline first) for `seconds` per path, so a change in background
 * load hits both alike. Figures are medians over rounds; the ratio is the median of the rounds' p99 ratios.
 */
async function alternate(port: number, paths: [string, string], seconds: number) {
  const rounds = Math.max(1, Math.round(seconds / ROUND_S));
  const results: [autocannon.Result, autocannon.Result][] = [];
  for (let r = 0; r < rounds; r++) {
    const base = checked(await load(port, paths[0], ROUND_S));
    results.push([base, checked(await load(port, paths[1], ROUND_S))]);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const each = (f: (r: autocannon.Result) => number) => [0, 1].map((k) => median(results.map((pair) => f(pair[k]!))));
  return {
    p50: each((r) => r.latency.p50),
    p99: each((r) => r.latency.p99),
    rps: each((r) => Math.round(r.requests.average)),
    ratio: Number(median(results.map(([b, f]) => f.latency.p99 / Math.max(b.latency.p99, 1))).toFixed(2)),
  };
}

function checked(result: autocannon.Result): autocannon.Result {
  if (result.non2xx || result.errors || !result.requests.total) {
    throw new Error(`failed requests: ${result.non2xx} non-2xx + ${result.errors} errors of ${result.requests.total}`);
  }
  return result;
}

async function withServer<T>(url: string, encoderVersion: string, env: Record<string, string>, fn: (port: number) => Promise<T>): Promise<T> {
  const server = fork(path.join(import.meta.dirname, 'feed-server.ts'), {
    env: { ...readProcessEnv(), ...env, DATABASE_URL: url, LEDE_BENCH_ENCODER_VERSION: encoderVersion },
    // LEDE_BENCH_PROFILE=DIR writes a V8 CPU profile of the server, to see where a feed request's time goes.
    execArgv: ['--import', 'tsx', ...profileArgs(readBenchEnv().LEDE_BENCH_PROFILE)],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (m: { port: number }) => resolve(m.port));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    console.error(`bench server on port ${port}${Object.keys(env).length ? ` (${new URLSearchParams(env)})` : ''}`);
    return await fn(port);
  } finally {
    server.kill();
  }
}

function profileArgs(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
