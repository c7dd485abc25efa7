// Child process of the feed benchmark: serves the tRPC API over HTTP on the given database, as the apps do,
// with the reader id taken from the `x-reader-id` header (the apps take it from a cookie).
import { createHTTPServer } from '@trpc/server/adapters/standalone';

// The one worker file that imports the API: this benchmark measures the feed through tRPC over HTTP, as the apps serve it.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createContext, readerRouter } from '@lede/api';
import { createDb } from '@lede/db';
import { configureFeed } from '@lede/domain/feed';

import { readBenchEnv } from '../env';

const benchEnv = readBenchEnv();
if (!benchEnv.DATABASE_URL) throw new Error('feed-server runs as a child of the feed benchmark, which sets DATABASE_URL');
const db = createDb(benchEnv.DATABASE_URL);
configureFeed(db, { encoderVersion: benchEnv.LEDE_BENCH_ENCODER_VERSION ?? null });

const server = createHTTPServer({
  router: readerRouter,
  createContext: ({ req }) => createContext({ db, readerId: (req.headers['x-reader-id'] as string | undefined) ?? null }),
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});

// Exit normally on kill so a --cpu-prof profile gets written.
process.on('SIGTERM', () => process.exit(0));
