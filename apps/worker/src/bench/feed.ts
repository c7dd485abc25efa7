import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

import autocannon from 'autocannon';

import type { DbProvider } from '@lede/db';
import { createTestDb } from '@lede/db/testing';

import { readBenchEnv, readProcessEnv } from '../env';
import { alternateClicked, ClickedReaders, FEED_PATH } from './feed-clicked';
import { BENCH_READERS as READERS, seedFeedBench } from './feed-seed';

/** The "after reading" rounds: 32 readers at once, each reading a story for a second before coming back. */
const READING = { connections: 32, readMs: 1_000 };

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
  /** Articles eligible for the feed (the freshness window held by the candidate pool). */
  pool: number;
  /** Candidates retrieved and ranked per ranking (mean). */
  retrieved: number;
  /** Resident memory of one API process after the runs (the largest of them with several). */
  rss_mb: number;
  processes: number;
  feed_p50_ms: number;
  feed_p99_ms: number;
  feed_rps: number;
  /** Share of the cached rounds' feed requests answered from the ranking cache (the rest were ranked afresh). */
  cached_hit_rate: number;
  baseline_p99_ms: number;
  p99_ratio: number;
  /** The same load with the reader caches off (LEDE_READER_CACHE_S=0): every request loads and ranks. */
  uncached_feed_p50_ms: number;
  uncached_feed_p99_ms: number;
  uncached_feed_rps: number;
  uncached_p99_ratio: number;
  /**
   * Reader caches on, each measured feed request preceded by a click of that reader (events.log on a card their
   * last page served, not timed): the commonest request of a news site, a reader back from a story. With
   * `processes` > 1 the cluster routes round-robin, so the click and the page it answers often reach different
   * processes (the served card verified through Redis, the click carried to the other's profile by the change bus).
   */
  just_clicked_feed_p50_ms: number;
  just_clicked_feed_p99_ms: number;
  /** Feed requests per second (each with its click before it). */
  just_clicked_rps: number;
  just_clicked_p99_ratio: number;
  /**
   * Readers who click, read the story (READING.readMs), then come back to the feed: 32 at a time, about the
   * rate one process ranks at (LEDE_RANK_AHEAD ranks them while they read).
   */
  after_reading_feed_p50_ms: number;
  after_reading_feed_p99_ms: number;
  after_reading_rps: number;
  after_reading_p99_ratio: number;
  /** Share of those requests served a ranking made ahead (or being made) rather than ranking themselves. */
  after_reading_hit_rate: number;
  /** With several processes: the uncached feed's requests per second served by one process, same load. */
  one_process_uncached_feed_rps?: number;
  /** uncached_feed_rps / one_process_uncached_feed_rps. */
  processes_speedup?: number;
}

export interface FeedBenchOptions {
  seconds?: number;
  encoderVersion?: string;
  /** API processes serving the same port (Node's cluster module); > 1 also measures one process. */
  processes?: number;
  db?: DbProvider;
  /** Length of one alternating round: longer on a machine so loaded that a request can outlast 2 s. */
  roundS?: number;
  /** Passed to the API processes (REDIS_URL: the change bus and the served log across processes). */
  redisUrl?: string;
  /**
   * False: the feed as it was before retrieval, for comparison: the newest 3,000 articles of the window
   * (LEDE_POOL_SIZE=3000) ranked in full by every request, no index search.
   */
  retrieval?: boolean;
}

/**
 * Serves the API on a scratch database (SQLite, or PostgreSQL with `db`) with `articles` articles and drives
 * feed.list vs health.ping, first as configured (reader caches on; every reader requested once before
 * measuring, as in steady state), then readers who just clicked (caches on, a click before each feed
 * request), then with the reader caches off, every request loading the reader from the database. With `processes` > 1 the uncached load also runs against one process.
 */
export async function runFeedBench(articles: number, opts: FeedBenchOptions = {}): Promise<FeedBenchRun> {
  const { seconds = 10, encoderVersion = 'bench@synthetic', processes = 1, roundS = 2 } = opts;
  const scratch = await createTestDb(opts.db ?? 'sqlite');
  try {
    const seeding = Date.now();
    await seedFeedBench(scratch.db, articles, encoderVersion);
    await scratch.db.$disconnect();
    console.error(`seeded ${articles} articles in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);
    const env = {
      DATABASE_URL: scratch.url,
      LEDE_BENCH_ENCODER_VERSION: encoderVersion,
      LEDE_BENCH_PROCESSES: String(processes),
      ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
      ...(opts.retrieval === false ? { LEDE_BENCH_RETRIEVAL: 'off', LEDE_POOL_SIZE: '3000' } : {}),
    };

    const [cached, clicked, afterReading] = await withServer(env, async (port, stats) => {
      await warmEveryProcess(port, stats, processes);
      await load(port, FEED_PATH, 2); // JIT
      const before = await stats();
      const steady = { ...(await alternate(port, ['/health.ping', FEED_PATH], seconds, roundS)), hitRate: hitRate(before, await stats()) };
      const readers = new ClickedReaders(port);
      await readers.warm();
      await readers.round(2); // JIT
      const clicked = await alternateClicked(port, readers, seconds, roundS);
      const beforeReading = await stats();
      const afterReading = { ...(await alternateClicked(port, readers, seconds, roundS, READING)), hitRate: hitRate(beforeReading, await stats()) };
      return [steady, clicked, afterReading] as const;
    });
    const uncachedRun = (env2: Record<string, string>) =>
      withServer({ ...env2, LEDE_READER_CACHE_S: '0' }, async (port, stats) => {
        await requestEveryReader(port, env2.LEDE_BENCH_PROCESSES !== '1'); // the candidate pool of every process
        await load(port, FEED_PATH, 2); // JIT
        return { ...(await alternate(port, ['/health.ping', FEED_PATH], seconds, roundS)), stats: await stats() };
      });
    const uncached = await uncachedRun(env);
    const single = processes > 1 ? await uncachedRun({ ...env, LEDE_BENCH_PROCESSES: '1' }) : null;
    return {
      articles,
      pool: uncached.stats.pool,
      retrieved: uncached.stats.retrieved,
      rss_mb: uncached.stats.rss_mb,
      processes,
      feed_p50_ms: cached.p50[1]!,
      feed_p99_ms: cached.p99[1]!,
      feed_rps: cached.rps[1]!,
      cached_hit_rate: cached.hitRate,
      baseline_p99_ms: cached.p99[0]!,
      p99_ratio: cached.ratio,
      uncached_feed_p50_ms: uncached.p50[1]!,
      uncached_feed_p99_ms: uncached.p99[1]!,
      uncached_feed_rps: uncached.rps[1]!,
      uncached_p99_ratio: uncached.ratio,
      just_clicked_feed_p50_ms: clicked.p50,
      just_clicked_feed_p99_ms: clicked.p99,
      just_clicked_rps: clicked.rps,
      just_clicked_p99_ratio: clicked.ratio,
      after_reading_feed_p50_ms: afterReading.p50,
      after_reading_feed_p99_ms: afterReading.p99,
      after_reading_rps: afterReading.rps,
      after_reading_p99_ratio: afterReading.ratio,
      after_reading_hit_rate: afterReading.hitRate,
      ...(single ? { one_process_uncached_feed_rps: single.rps[1]!, processes_speedup: Number((uncached.rps[1]! / Math.max(single.rps[1]!, 1)).toFixed(2)) } : {}),
    };
  } finally {
    await scratch.drop();
  }
}

/**
 * Requests every reader's feed once. With `newConnections` each request opens its own connection: the cluster
 * hands connections (not requests) to its processes in turn, so one kept-alive connection reaches one process.
 */
async function requestEveryReader(port: number, newConnections = false) {
  const started = Date.now();
  for (let r = 0; r < READERS; r++) await get(port, FEED_PATH, { 'x-reader-id': `bench-reader-${r}` }, newConnections);
  console.error(`warm-up: ${READERS} readers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function get(port: number, pathAndQuery: string, headers: Record<string, string>, newConnection: boolean) {
  return new Promise<void>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathAndQuery, headers, agent: newConnection ? false : undefined }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`warm-up request failed: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
  });
}

/**
 * The steady state the cached rounds measure: every reader ranked in every process. Each process keeps its
 * own rankings, and the cluster hands new connections to its processes in turn, so passes over the readers (a
 * connection each) go on until one misses no cached ranking, each pass padded with pings to a length of 1
 * modulo `processes` so the next pass sends each reader to the next process.
 */
async function warmEveryProcess(port: number, stats: () => Promise<ServerStats>, processes: number) {
  const padding = (1 - (READERS % processes) + processes) % processes;
  for (let pass = 1; ; pass++) {
    const before = await stats();
    await requestEveryReader(port, processes > 1);
    for (let i = 0; i < padding; i++) await get(port, '/health.ping', {}, true);
    const missed = (await stats()).ranking_misses - before.ranking_misses;
    if (missed === 0 || pass >= processes + 3) return console.error(`warm-up pass ${pass}: ${missed} rankings not cached yet`);
  }
}


/**
 * Alternates short rounds of each path (baseline first) for `seconds` per path, so a change in background
 * load hits both alike. Figures are medians over rounds; the ratio is the median of the rounds' p99 ratios.
 */
async function alternate(port: number, paths: [string, string], seconds: number, roundS: number) {
  const rounds = Math.max(1, Math.round(seconds / roundS));
  const results: [autocannon.Result, autocannon.Result][] = [];
  for (let r = 0; r < rounds; r++) {
    const base = checked(await load(port, paths[0], roundS));
    results.push([base, checked(await load(port, paths[1], roundS))]);
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
  if (!result.requests.total && !result.errors && !result.non2xx) throw new Error('no request completed within a round: the machine is overloaded, try a longer --round');
  if (result.non2xx || result.errors || !result.requests.total) {
    throw new Error(`failed requests: ${result.non2xx} non-2xx + ${result.errors} errors of ${result.requests.total}`);
  }
  return result;
}

interface ServerStats {
  pool: number;
  retrieved: number;
  rss_mb: number;
  ranking_hits: number;
  ranking_misses: number;
}

function hitRate(before: ServerStats, after: ServerStats): number {
  const hits = after.ranking_hits - before.ranking_hits;
  const total = hits + after.ranking_misses - before.ranking_misses;
  return total ? Number((hits / total).toFixed(3)) : 0;
}

export async function withServer<T>(env: Record<string, string>, fn: (port: number, stats: () => Promise<ServerStats>) => Promise<T>): Promise<T> {
  const server = fork(path.join(import.meta.dirname, 'feed-server.ts'), {
    env: { ...readProcessEnv(), ...env },
    // LEDE_BENCH_PROFILE=DIR writes a V8 CPU profile of the server, to see where a feed request's time goes.
    execArgv: ['--import', 'tsx', ...profileArgs(readBenchEnv().LEDE_BENCH_PROFILE)],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (m: { port: number }) => resolve(m.port));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    console.error(`bench server on port ${port} (${env.LEDE_BENCH_PROCESSES ?? 1} process(es)${env.LEDE_READER_CACHE_S === '0' ? ', reader caches off' : ''})`);
    const stats = () =>
      new Promise<ServerStats>((resolve) => {
        server.once('message', (m: ServerStats) => resolve(m));
        server.send('stats');
      });
    return await fn(port, stats);
  } finally {
    server.kill();
  }
}

function profileArgs(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
