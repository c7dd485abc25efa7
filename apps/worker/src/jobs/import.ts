import { type Db } from '@lede/db';
import type { JobQueue } from '@lede/domain/jobs';
import { importPath } from '@lede/domain/ingest';
import { CHANGE_CHANNELS, changeBus } from '@lede/domain/shared';

/** Import job: a file or folder already on the worker's disk (the admin's upload lands there first). */
export function registerImportJob(queue: JobQueue, db: Db) {
  queue.process('import', async (data, ctx) => {
    let lastReport = 0;
    const summary = await importPath(db, data.path, {
      source: data.source,
      shiftToNow: data.shiftToNow,
      onProgress: (p) => {
        // Progress goes to Redis on BullMQ: report a few times a second, not per row.
        if (Date.now() - lastReport < 250) return;
        lastReport = Date.now();
        void ctx.progress({ file: p.file, line: p.line, rows: p.rows });
      },
    });
    // Every reader process takes the new articles in now (fresh and popular retrieval need no vectors)...
    changeBus().publish(CHANGE_CHANNELS.articles, 'import');
    // ...and they need vectors before they can rank semantically.
    await queue.enqueue('embed-articles', {});
    return summary;
  });
}
