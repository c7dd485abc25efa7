// npm run import -- <file-or-dir> [--source NAME] [--shift-to-now] [--skip-invalid]
// Imports JSONL articles, a MIND folder (or a folder of MIND splits) or an RSS/Atom feed into DATABASE_URL and
// prints the summary as JSON on stdout; progress and notes go to stderr. A file with invalid items imports
// nothing and every bad item is listed by file:line, unless --skip-invalid imports the valid ones.
import { getDb } from '@lede/db';
import { createProgressReporter, ImportError, importPath, InvalidItemsError } from '@lede/domain/ingest';

import { parseCliArgs, runCli, UsageError } from './args';

const usage = 'usage: npm run import -- <file-or-dir> [--source NAME] [--shift-to-now] [--skip-invalid]';

runCli(async () => {
  const { values, positionals } = parseCliArgs(
    { source: { type: 'string' }, 'shift-to-now': { type: 'boolean', default: false }, 'skip-invalid': { type: 'boolean', default: false } },
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
      skipInvalid: values['skip-invalid'],
      onProgress: progress.onProgress,
    });
    progress.stop();
    for (const note of summary.notes) console.error(note);
    console.log(JSON.stringify({ ...summary, notes: undefined, seconds: Number(summary.seconds.toFixed(2)) }));
  } catch (err) {
    progress.stop();
    if (!(err instanceof InvalidItemsError)) throw err;
    // The message lists the first 50; the command line lists every one.
    for (const item of err.items) console.error(item.message);
    throw new ImportError(target, undefined, `${err.items.length} invalid items: nothing was imported (--skip-invalid imports the valid ones)`);
  } finally {
    progress.stop();
    await db.$disconnect();
  }
});
