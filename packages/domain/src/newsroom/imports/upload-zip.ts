import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

import AdmZip from 'adm-zip';

import { AppError } from '../../shared/errors';

/** The files a MIND upload may hold. */
export const MIND_FILES = new Set(['news.tsv', 'behaviors.tsv']);
const STORED = 0;
const DEFLATED = 8;

/** Counts bytes through the stream and fails it once they pass `cap` (a header's stated size may lie). */
function capBytes(cap: number, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > cap) done(new AppError('PAYLOAD_TOO_LARGE', 'The .zip unpacks to more than the upload limit allows'));
      else done(null, chunk);
    },
  });
}

/**
 * Unpacks news.tsv and behaviors.tsv of a MIND zip into `dir`, streaming each through zlib with a cap on the
 * bytes actually inflated. Before, `getData()` inflated up to 500 MB synchronously on the admin's event loop
 * and trusted the header's size; now inflation runs on libuv's thread pool in chunks and stops at the cap.
 */
export async function unpackMindZip(zipFile: string, dir: string, maxBytes: number): Promise<void> {
  let all: ReturnType<AdmZip['getEntries']>;
  try {
    // The central directory is read lazily: a corrupt one fails in getEntries(), not in the constructor.
    all = new AdmZip(zipFile).getEntries();
  } catch {
    throw new AppError('BAD_REQUEST', 'The .zip file cannot be read');
  }
  // Only news.tsv and behaviors.tsv are taken, by base name, so entry paths never reach the file system.
  const entries = all.filter((e) => !e.isDirectory && MIND_FILES.has(path.posix.basename(e.entryName).toLowerCase()));
  const news = entries.find((e) => path.posix.basename(e.entryName).toLowerCase() === 'news.tsv');
  if (!news) throw new AppError('BAD_REQUEST', 'The .zip holds no news.tsv: expected a MIND data set');
  const behaviors = entries.find((e) => path.posix.basename(e.entryName).toLowerCase() === 'behaviors.tsv' && path.posix.dirname(e.entryName) === path.posix.dirname(news.entryName));
  const counter = { bytes: 0 };
  for (const e of behaviors ? [news, behaviors] : [news]) {
    const method = e.header.method;
    if (method !== STORED && method !== DEFLATED) throw new AppError('BAD_REQUEST', `The .zip uses a compression method Lede cannot read (${method})`);
    let raw: Buffer;
    try {
      raw = e.getCompressedData();
    } catch {
      throw new AppError('BAD_REQUEST', 'The .zip file cannot be read');
    }
    const target = path.join(dir, path.posix.basename(e.entryName).toLowerCase());
    const source = Readable.from([raw]);
    const cap = capBytes(maxBytes, counter);
    try {
      if (method === DEFLATED) await pipeline(source, zlib.createInflateRaw(), cap, fs.createWriteStream(target));
      else await pipeline(source, cap, fs.createWriteStream(target));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('BAD_REQUEST', 'The .zip file cannot be read');
    }
  }
}
