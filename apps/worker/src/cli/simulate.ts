// npm run simulate -- --out DIR --users N --days D --seed S [--db] [--corpus FILE] [--now YYYY-MM-DD]
// Simulated readers over the demo corpus: MIND folders DIR/train and DIR/dev, and with --db the same readers,
// impressions and clicks in DATABASE_URL. Prints the summary (with the achieved click-through rate) as JSON.
import { getDb } from '@lede/db';
import { simulateReaders } from '@lede/domain/lab';

import { parseCliArgs, readInt, runCli, UsageError } from './args';

const usage = 'usage: npm run simulate -- --out DIR --users N --days D --seed S [--db] [--corpus FILE] [--now YYYY-MM-DD]';

runCli(async () => {
  const { values, positionals } = parseCliArgs(
    {
      out: { type: 'string' },
      users: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
      now: { type: 'string' },
      db: { type: 'boolean', default: false },
    },
    usage,
  );
  if (!values.out || positionals.length > 0) throw new UsageError(usage);
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now must be a date, got "${values.now}"`);
  const db = values.db ? getDb() : undefined;
  try {
    const summary = await simulateReaders({
      out: values.out,
      users: readInt(values.users, 'users', 500, 1, 1_000_000),
      days: readInt(values.days, 'days', 14, 2, 3650),
      seed: readInt(values.seed, 'seed', 1, 0, 2 ** 32 - 1),
      corpus: values.corpus,
      now,
      db,
    });
    console.log(JSON.stringify(summary));
  } finally {
    await db?.$disconnect();
  }
});
