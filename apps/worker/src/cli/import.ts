// npm run import -- <file-or-dir> [--source NAME] [--shift-to-now]
// Imports JSONL articles, a MIND folder (or a folder of MIND splits) or an RSS/Atom feed into DATABASE_URL and
// prints the summary as JSON on stdout; progress goes to stderr.
import { getDb } from '@lede/db';
import { createProgressReporter, importPath } from '@lede/domain/ingest';

import { parseCliArgs, runCli, UsageError } from './args';

const usage = 'usage: npm run import -- <file-or-dir> [--source NAME] [--shift-to-now]';

runCli(async () => {
  const { values, positionals } = parseCliArgs(
    { source: { type: 'string' }, 'shift-to-now': { type: 'boolean', default: false } },
    usage,
  );
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0) throw new UsageError(usage);
  const db = getDb();
  const progress = createProgressReporter();
  try {
    const summary = await importPath(db, target, {
      source: values.source,
      shiftToNow: values['shift-to-now'],
      onProgress: progress.onProgress,
    });
    progress.stop();
    console.log(JSON.stringify({ ...summary, seconds: Number(summary.seconds.toFixed(2)) }));
  } finally {
    progress.stop();
    await db.$disconnect();
  }
});
