import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';

import { type JobContext, type JobPayloads, PermanentJobError } from '../../jobs';
import { recordAudit } from '../audit';
import { announceArticleChange } from '../editorial/editorial-changes';
import { runRecordedImport, stripServerPaths } from './import-history';
import { ImportError, InvalidItemsError, type ImportSummary } from '../../ingest';

/** The folder an upload was stored in (`<uploads>/<id>/`), from the path its import reads. */
function findUploadDir(importTarget: string, uploadId: string): string | null {
  for (const dir of [importTarget, path.dirname(importTarget)]) if (path.basename(dir) === uploadId) return dir;
  return null;
}

/**
 * The `import` job, in the worker and in the admin's in-process queue alike: imports under its Import record
 * (the import history; drafts or published as the record says), records the outcome in the audit log (an
 * upload's first entry only says it was received), and deletes the uploaded files once the import succeeded or
 * failed for good (a bad file; a database outage keeps them for the retry).
 */
export async function runImportJob(db: Db, data: JobPayloads['import'], ctx: JobContext): Promise<ImportSummary> {
  let lastReport = 0;
  const upload = data.upload;
  const removeUpload = () => {
    const dir = upload && findUploadDir(data.path, upload.id);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const summary = await runRecordedImport(db, data.importId, data.path, {
      source: data.source,
      shiftToNow: data.shiftToNow,
      skipInvalid: data.skipInvalid,
      onProgress: (p) => {
        // Progress goes to Redis on BullMQ: report a few times a second, not per row.
        if (Date.now() - lastReport < 250) return;
        lastReport = Date.now();
        void ctx.progress({ file: path.basename(p.file), line: p.line, rows: p.rows });
      },
    }, ctx.id);
    if (upload) {
      const { articles, users, impressions, events, invalid, clamped } = summary;
      await recordAudit(db, { actorId: upload.actorId, action: 'upload.import.succeeded', target: upload.id, details: { jobId: ctx.id, articles, users, impressions, events, invalid, clamped, ...(data.importId ? { importId: data.importId } : {}) } });
    }
    removeUpload();
    // Every reader process takes the new articles in now (fresh and popular retrieval need no vectors; the
    // embed job that follows announces their vectors).
    if (summary.articles) await announceArticleChange(db, 'import');
    return summary;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (upload) {
      const error = stripServerPaths(message.split('\n', 1)[0] ?? '');
      await recordAudit(db, { actorId: upload.actorId, action: 'upload.import.failed', target: upload.id, details: { jobId: ctx.id, error } }).catch(() => undefined);
    }
    if (!(err instanceof ImportError || err instanceof InvalidItemsError)) throw err;
    // A bad file stays bad: delete it and tell the queue not to retry.
    removeUpload();
    throw new PermanentJobError(message);
  }
}
