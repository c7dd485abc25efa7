// npm run import -- <file-or-dir> [--source NAME] [--shift-to-now] [--skip-invalid] [--drafts]
// Imports JSONL articles, a MIND folder (or a folder of MIND splits) or an RSS/Atom feed into DATABASE_URL and
// prints the summary as JSON on stdout; progress and notes go to stderr. A file with invalid items imports
// nothing and every bad item is listed by file:line, unless --skip-invalid imports the valid ones. --drafts
// stores new articles as drafts (not served until an editor publishes them). The newsroom's import history
// lists the import (by "command line").
import { getDb } from '@lede/db';
import { createProgressReporter, ImportError, InvalidItemsError } from '@lede/domain/ingest';
import { importFromCommandLine } from '@lede/domain/newsroom';

import { parseCliArgs, runCli, UsageError } from './args';

const usage = 'usage: npm run import -- <file-or-dir> [--source NAME] [--shift-to-now] [--skip-invalid] [--drafts]';

runCli(async () => {
  const { values, positionals } = parseCliArgs(
    {
      source: { type: 'string' },
      'shift-to-now': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      drafts: { type: 'boolean', default: false },
    },
    usage,
  );
  const [target, ...extra] = positionals;
  if (!target || extra.length > 0) throw new UsageError(usage);
  const db = getDb();
  const progress = createProgressReporter();
  try {
    const { importId, summary } = await importFromCommandLine(db, target, {
      source: values.source,
      shiftToNow: values['shift-to-now'],
      skipInvalid: values['skip-invalid'],
      asDrafts: values.drafts,
      onProgress: progress.onProgress,
    });
    progress.stop();
    for (const note of summary.notes) console.error(note);
    console.log(JSON.stringify({ ...summary, notes: undefined, seconds: Number(summary.seconds.toFixed(2)), importId, drafts: values.drafts }));
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
