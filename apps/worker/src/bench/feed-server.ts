// Child process of the feed benchmark: serves the tRPC API over HTTP on the given database, as the apps do,
// with the reader id taken from the `x-reader-id` header (the apps take it from a cookie).
import { createHTTPServer } from '@trpc/server/adapters/standalone';

import { appRouter, createContext } from '@lede/api';
import { createDb } from '@lede/db';
import { configureFeed } from '@lede/domain/feed';

const url = process.env.DATABASE_URL!;
const db = createDb(url);
configureFeed(db, { encoderVersion: process.env.LEDE_BENCH_ENCODER_VERSION ?? null });

const server = createHTTPServer({
  router: appRouter,
  createContext: ({ req }) => createContext({ db, readerId: (req.headers['x-reader-id'] as string | undefined) ?? null }),
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});

// Exit normally on kill so a --cpu-prof profile gets written.
process.on('SIGTERM', () => process.exit(0));
