// npm run scale -- [--reader-port 3000] [--admin-port 3001] [--readers 2] [--workers 2] [--quiet]
// Serves Lede as several processes on one machine: reader processes behind a round-robin front on
// --reader-port, the admin on --admin-port, and workers; DATABASE_URL must be PostgreSQL and REDIS_URL set
// (the processes share the served log, caches and the job queue through them). Needs production builds
// (`npx turbo run build --filter=@lede/reader --filter=@lede/admin`). Ctrl-C stops every process.
import { startScaleDeployment } from '../deploy/deployment';
import { readScaleEnv } from '../env';
import { parseCliArgs, readInt, runCli, UsageError } from './args';

const usage = 'usage: npm run scale -- [--reader-port 3000] [--admin-port 3001] [--readers 2] [--workers 2] [--quiet]';

runCli(async () => {
  const { values } = parseCliArgs(
    { 'reader-port': { type: 'string' }, 'admin-port': { type: 'string' }, readers: { type: 'string' }, workers: { type: 'string' }, quiet: { type: 'boolean', default: false } },
    usage,
  );
  const env = readScaleEnv();
  if (!env.DATABASE_URL?.startsWith('postgres')) {
    throw new UsageError(`the scale deployment needs DATABASE_URL=postgresql://… (processes writing one SQLite file would wait on its lock)\n${usage}`);
  }
  if (!env.REDIS_URL) throw new UsageError(`the scale deployment needs REDIS_URL (the processes share jobs, caches and the served log through it)\n${usage}`);
  const opts = {
    readerPort: readInt(values['reader-port'], 'reader-port', 3000, 1, 65_000),
    adminPort: readInt(values['admin-port'], 'admin-port', 3001, 1, 65_535),
    readers: readInt(values.readers, 'readers', 2, 1, 16),
    workers: readInt(values.workers, 'workers', 2, 0, 16),
    echo: !values.quiet,
  };
  const deployment = await startScaleDeployment(opts);
  console.log(
    `scale deployment ready: reader http://localhost:${opts.readerPort} (round-robin over ports ${deployment.backendPorts.join(', ')}), ` +
      `admin http://localhost:${opts.adminPort}, ${opts.workers} workers`,
  );
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const outcome = await Promise.race([signalled, deployment.exited]);
  await deployment.stop();
  if (typeof outcome !== 'string') throw new Error(`${outcome.name} exited with ${outcome.child.exitCode ?? outcome.child.signalCode}; stopped the others`);
});
