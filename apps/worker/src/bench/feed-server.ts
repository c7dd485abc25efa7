// Child process of the feed benchmark: serves the tRPC API over HTTP on the given database, as the apps do,
// with the reader id taken from the `x-reader-id` header (the apps take it from a cookie). With
// LEDE_BENCH_PROCESSES > 1 it forks that many API processes sharing one port (Node's cluster module).
import cluster, { type Worker } from 'node:cluster';

import { createHTTPServer } from '@trpc/server/adapters/standalone';

// The one worker file that imports the API: this benchmark measures the feed through tRPC over HTTP, as the apps serve it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createContext, readerRouter } from '@lede/api';
import { createDb } from '@lede/db';
import { configureFeed } from '@lede/domain/feed';

import { readBenchEnv } from '../env';

interface Stats {
  pool: number;
  retrieved: number;
  rss_mb: number;
  /** Feed rankings served from the ranking cache and made afresh, since the process started. */
  ranking_hits: number;
  ranking_misses: number;
}

const benchEnv = readBenchEnv();
const processes = benchEnv.LEDE_BENCH_PROCESSES;

if (processes > 1 && cluster.isPrimary) {
  const workers: Worker[] = Array.from({ length: processes }, () => cluster.fork());
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === processes) process.send?.({ port: address.port });
  });
  cluster.on('exit', (_worker, code) => {
    if (code) process.exit(code);
  });
  // Stats: the window and retrieval as one process sees them; memory of the largest process.
  process.on('message', () => {
    void Promise.all(workers.map((w) => new Promise<Stats>((resolve) => {
      w.once('message', (m: Stats) => resolve(m));
      w.send('stats');
    }))).then((all) => {
      const sum = (f: (x: Stats) => number) => all.reduce((s, x) => s + f(x), 0);
      process.send?.({
        pool: all[0]!.pool,
        retrieved: Math.round(sum((x) => x.retrieved) / all.length),
        rss_mb: Math.max(...all.map((x) => x.rss_mb)),
        ranking_hits: sum((x) => x.ranking_hits),
        ranking_misses: sum((x) => x.ranking_misses),
      } satisfies Stats);
    });
  });
  process.on('SIGTERM', () => {
    for (const w of workers) w.kill();
    process.exit(0);
  });
} else {
  if (!benchEnv.DATABASE_URL) throw new Error('feed-server runs as a child of the feed benchmark, which sets DATABASE_URL');
  const db = createDb(benchEnv.DATABASE_URL);
  const deps = configureFeed(db, {
    encoderVersion: benchEnv.LEDE_BENCH_ENCODER_VERSION ?? null,
    // Retrieval off: the whole pool is handed to ranking, as before retrieval.
    ...(benchEnv.LEDE_BENCH_RETRIEVAL === 'off' ? { retrievalBudget: { wholeUpTo: Number.MAX_SAFE_INTEGER } } : {}),
  });
  // The window and its retrieval index load before the port is announced, not on the first request: at 1M
  // articles (500k in the window) that takes minutes, past fetch's 300 s wait for a response.
  await deps.pool.prepared();
  const server = createHTTPServer({
    router: readerRouter,
    createContext: ({ req }) => createContext({ db, readerId: (req.headers['x-reader-id'] as string | undefined) ?? null }),
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (!cluster.isWorker) process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', () => {
    const { hits, misses } = deps.rankings.lookups;
    process.send?.({ ...deps.pool.retrievalStats(), rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20), ranking_hits: hits, ranking_misses: misses } satisfies Stats);
  });
  // Exit normally on kill so a --cpu-prof profile gets written.
  process.on('SIGTERM', () => process.exit(0));
}
