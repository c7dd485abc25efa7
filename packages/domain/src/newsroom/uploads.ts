import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import AdmZip from 'adm-zip';

import { type Db, repoRoot } from '@lede/db';

import { AppError } from '../shared/errors';
import { createJobQueue, type JobQueue, type JobStatus } from '../jobs';
import { auditCreate } from './audit';
import { importPath } from '../ingest';

/** Uploads larger than this are refused before they are stored. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** A zip may not unpack to more than this (a small zip can hold a huge file). */
const MAX_UNZIPPED_BYTES = 10 * MAX_UPLOAD_BYTES;
export const UPLOADS_DIR = path.join(repoRoot, 'data', 'uploads');

export type UploadFormat = 'jsonl' | 'feed' | 'mind' | 'mind-zip';

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

const MIND_FILES = new Set(['news.tsv', 'behaviors.tsv']);

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

function unpackMindZip(zipFile: string, dir: string) {
  let zip: AdmZip;
  try {
    zip = new AdmZip(zipFile);
  } catch {
    throw new AppError('BAD_REQUEST', 'The .zip file cannot be read');
  }
  // Only news.tsv and behaviors.tsv are taken, by base name, so entry paths never reach the file system.
  const entries = zip.getEntries().filter((e) => !e.isDirectory && MIND_FILES.has(path.posix.basename(e.entryName).toLowerCase()));
  const news = entries.find((e) => path.posix.basename(e.entryName).toLowerCase() === 'news.tsv');
  if (!news) throw new AppError('BAD_REQUEST', 'The .zip holds no news.tsv: expected a MIND data set');
  const picked = [news, entries.find((e) => path.posix.basename(e.entryName).toLowerCase() === 'behaviors.tsv' && path.posix.dirname(e.entryName) === path.posix.dirname(news.entryName))];
  let total = 0;
  for (const e of picked) {
    if (!e) continue;
    total += e.header.size;
    if (total > MAX_UNZIPPED_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The .zip unpacks to more than the upload limit allows');
    fs.writeFileSync(path.join(dir, path.posix.basename(e.entryName).toLowerCase()), e.getData());
  }
}

/**
 * Stores an upload under `data/uploads/<id>/` (a MIND zip unpacked there) and returns the path the import job
 * reads: the file itself, or the folder for MIND.
 */
export function storeUpload(files: UploadFile[], root = UPLOADS_DIR): { uploadId: string; format: UploadFormat; importPath: string } {
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
    if (format === 'mind-zip') unpackMindZip(written[0]!, dir);
    return { uploadId, format, importPath: format === 'mind' || format === 'mind-zip' ? dir : written[0]! };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

let queue: JobQueue | null = null;

/**
 * The queue an upload's import goes through. In-process (no REDIS_URL) the import runs inside this process,
 * so this registers the handler; with BullMQ the worker's handler runs it.
 */
export function getUploadQueue(db: Db): JobQueue {
  if (queue) return queue;
  queue = createJobQueue();
  if (queue.kind === 'in-process') {
    queue.process('import', async (data, ctx) => {
      let last = 0;
      return importPath(db, data.path, {
        source: data.source,
        onProgress: (p) => {
          if (Date.now() - last < 250) return;
          last = Date.now();
          void ctx.progress({ file: path.basename(p.file), line: p.line, rows: p.rows });
        },
      });
    });
  }
  return queue;
}

let uploadsRoot = UPLOADS_DIR;

/** Tests bring their own queue and folder; null restores the defaults. */
export function configureUploads(opts: { queue: JobQueue | null; root?: string }) {
  queue = opts.queue;
  uploadsRoot = opts.root ?? UPLOADS_DIR;
}

/** Stores the files, enqueues their import and records who did it. */
export async function startUploadImport(db: Db, q: JobQueue, actorId: string, files: UploadFile[], root = uploadsRoot) {
  const stored = storeUpload(files, root);
  const jobId = await q.enqueue('import', { path: stored.importPath });
  await auditCreate(db, { actorId, action: 'upload.import', target: stored.uploadId, details: { jobId, format: stored.format, files: files.map((f) => f.name) } });
  return { jobId, uploadId: stored.uploadId, format: stored.format };
}

export interface ImportJobView {
  jobId: string;
  state: JobStatus['state'];
  rows: number | null;
  file: string | null;
  summary: { articles: number; users: number; impressions: number; seconds: number } | null;
  error: string | null;
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
      ? { articles: num(s.result, 'articles') ?? 0, users: num(s.result, 'users') ?? 0, impressions: num(s.result, 'impressions') ?? 0, seconds: num(s.result, 'seconds') ?? 0 }
      : null,
    // Import errors name the file and line (ImportError); server folders are cut from the path.
    error: s.error?.replace(/(?:\/[^/\s:]+)+\/([^/\s:]+)/g, '$1') ?? null,
  };
}
