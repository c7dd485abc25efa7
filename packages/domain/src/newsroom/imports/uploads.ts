import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { dataDir, type Db } from '@lede/db';

import { AppError } from '../../shared/errors';
import { getJobQueue, type JobQueue, type JobStatus, registerJobs } from '../../jobs';
import { auditCreate } from '../audit';
import { createImportRecord, deleteImportRecord, stripServerPaths } from './import-history';
import { MIND_FILES, unpackMindZip } from './upload-zip';

/** Uploads larger than this are refused before they are stored. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** A zip may not unpack to more than this (a small zip can hold a huge file). */
const MAX_UNZIPPED_BYTES = 10 * MAX_UPLOAD_BYTES;
export const UPLOADS_DIR = path.join(dataDir, 'uploads');

export type UploadFormat = 'jsonl' | 'feed' | 'mind' | 'mind-zip';

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

/** What an upload holds, from its file names; unknown formats and oversized uploads are refused here. */
export function classifyUpload(files: { name: string; size: number }[]): UploadFormat {
  if (!files.length) throw new AppError('BAD_REQUEST', 'Choose a file to upload');
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Upload is ${(total / 1048576).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1048576} MB`);
  const names = files.map((f) => path.basename(f.name).toLowerCase());
  if (names.length === 1) {
    const ext = path.extname(names[0]!);
    if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
    if (['.xml', '.rss', '.atom'].includes(ext)) return 'feed';
    if (ext === '.zip') return 'mind-zip';
    if (names[0] === 'news.tsv') return 'mind';
  } else if (names.length === 2 && names.every((n) => MIND_FILES.has(n)) && new Set(names).size === 2) {
    return 'mind';
  }
  throw new AppError('BAD_REQUEST', 'Unknown format: upload a .jsonl file, an RSS/Atom .xml file, a MIND .zip, or MIND’s news.tsv and behaviors.tsv together');
}

/**
 * Stores an upload under `data/uploads/<id>/` (a MIND zip unpacked there) and returns the path the import job
 * reads: the file itself, or the folder for MIND.
 */
export async function storeUpload(files: UploadFile[], root = UPLOADS_DIR, maxUnzippedBytes = MAX_UNZIPPED_BYTES): Promise<{ uploadId: string; format: UploadFormat; importPath: string }> {
  const format = classifyUpload(files.map((f) => ({ name: f.name, size: f.bytes.byteLength })));
  const uploadId = crypto.randomUUID();
  const dir = path.join(root, uploadId);
  fs.mkdirSync(dir, { recursive: true });
  try {
    const written = files.map((f) => {
      const file = path.join(dir, path.basename(f.name).toLowerCase().replace(/[^a-z0-9._-]/g, '_'));
      fs.writeFileSync(file, f.bytes);
      return file;
    });
    if (format === 'mind-zip') await unpackMindZip(written[0]!, dir, maxUnzippedBytes);
    return { uploadId, format, importPath: format === 'mind' || format === 'mind-zip' ? dir : written[0]! };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

let queue: JobQueue | null = null;

/**
 * The queue an upload's import goes through: the process's queue. In-process (no REDIS_URL) the import runs
 * inside this process, so this registers the registry's import handler once; with BullMQ the worker runs it.
 */
export function getUploadQueue(db: Db): JobQueue {
  if (queue) return queue;
  queue = getJobQueue();
  if (queue.kind === 'in-process') registerJobs(queue, db, ['import']);
  return queue;
}

let uploadsRoot = UPLOADS_DIR;

/** Tests bring their own queue and folder; null restores the defaults. */
export function configureUploads(opts: { queue: JobQueue | null; root?: string }) {
  queue = opts.queue;
  uploadsRoot = opts.root ?? UPLOADS_DIR;
}

/**
 * Stores the files, records the import (the import history, under the upload's id), enqueues it and records
 * who did it; the job records the outcome (the Import row, and `upload.import.succeeded` / `.failed` in the audit
 * log). `skipInvalid`: import the valid items of a file with invalid ones. `asDrafts`: new articles are stored
 * as drafts, served only once an editor publishes them.
 */
export async function startUploadImport(db: Db, q: JobQueue, actorId: string, files: UploadFile[], options: { skipInvalid?: boolean; asDrafts?: boolean; root?: string } = {}) {
  const stored = await storeUpload(files, options.root ?? uploadsRoot);
  const skipInvalid = options.skipInvalid ?? false;
  const asDrafts = options.asDrafts ?? false;
  const fileName = files.map((f) => path.basename(f.name)).join(', ');
  let jobId: string;
  try {
    await createImportRecord(db, { id: stored.uploadId, actorId, origin: 'upload', fileName, format: stored.format, asDrafts, skipInvalid });
    jobId = await q.enqueue('import', { path: stored.importPath, skipInvalid, upload: { id: stored.uploadId, actorId }, importId: stored.uploadId });
  } catch (err) {
    // Redis down: the editor gets a 503 at once, and no orphan files or records are left behind.
    fs.rmSync(path.join(options.root ?? uploadsRoot, stored.uploadId), { recursive: true, force: true });
    await deleteImportRecord(db, stored.uploadId).catch(() => undefined);
    throw err;
  }
  await auditCreate(db, { actorId, action: 'upload.import', target: stored.uploadId, details: { jobId, format: stored.format, files: files.map((f) => f.name), skipInvalid, asDrafts } });
  return { jobId, uploadId: stored.uploadId, format: stored.format };
}

export interface ImportJobView {
  jobId: string;
  state: JobStatus['state'];
  rows: number | null;
  file: string | null;
  summary: { articles: number; users: number; impressions: number; seconds: number; invalid: number; clamped: number; notes: string[] } | null;
  error: string | null;
}

/** Notes shown on the upload page; the job result keeps up to 1,000. */
const shownNotes = 50;

function readNotes(result: unknown): string[] {
  const notes = typeof result === 'object' && result !== null ? (result as Record<string, unknown>).notes : undefined;
  if (!Array.isArray(notes)) return [];
  return notes.filter((n): n is string => typeof n === 'string').slice(0, shownNotes).map(stripServerPaths);
}

function num(o: unknown, key: string): number | null {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' ? v : null;
}

/** A job's state for the upload page's progress display; null when the queue does not know the job. */
export async function readImportJob(q: JobQueue, jobId: string): Promise<ImportJobView | null> {
  const s = await q.status(jobId);
  if (!s || s.name !== 'import') return null;
  const p = typeof s.progress === 'object' && s.progress !== null ? (s.progress as Record<string, unknown>) : {};
  return {
    jobId,
    state: s.state,
    rows: num(p, 'rows'),
    file: typeof p.file === 'string' ? p.file : null,
    summary: s.state === 'completed'
      ? {
          articles: num(s.result, 'articles') ?? 0,
          users: num(s.result, 'users') ?? 0,
          impressions: num(s.result, 'impressions') ?? 0,
          seconds: num(s.result, 'seconds') ?? 0,
          invalid: num(s.result, 'invalid') ?? 0,
          clamped: num(s.result, 'clamped') ?? 0,
          notes: readNotes(s.result),
        }
      : null,
    // Import errors name the file and line (ImportError); server folders are cut from the path.
    error: s.error === undefined ? null : stripServerPaths(s.error),
  };
}
