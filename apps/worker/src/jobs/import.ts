import { type Db } from '@lede/db';
import type { JobQueue } from '@lede/domain/jobs';
import { runImportJob } from '@lede/domain/newsroom';

/** Import job: a file or folder already on the worker's disk (the admin's upload lands there first). */
export function registerImportJob(queue: JobQueue, db: Db) {
  queue.process('import', async (data, ctx) => {
    const summary = await runImportJob(db, data, ctx);
    // New articles need vectors before they can rank semantically.
    await queue.enqueue('embed-articles', {});
    return summary;
  });
}
