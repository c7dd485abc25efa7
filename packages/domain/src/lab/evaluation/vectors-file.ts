import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { type Db } from '@lede/db';
import { normalizeVector, vectorToBytes } from '@lede/ranking';

import { readLines } from '../../ingest/lines';

/**
 * Precomputed article vectors for `npm run eval -- --vectors FILE`: JSONL, one `{"id": "<news.tsv id>",
 * "vector": [numbers]}` per line, every vector of the same dimension. They replace the product encoder, so the
 * same ranking can be scored with another encoder's vectors (the distillation teacher's, for instance).
 */
export class VectorsFileError extends Error {
  override name = 'VectorsFileError';
}

export interface VectorsFile {
  vectors: Map<string, Float32Array>;
  dims: number;
  /** `file:<basename>@<sha256 prefix>`: the key the vectors are stored under, like an encoder version. */
  version: string;
}

/** Reads and checks a vectors file; vectors are L2-normalised as the product encoder's are. */
export async function readVectorsFile(file: string, opts: { dims?: number } = {}): Promise<VectorsFile> {
  if (!fs.existsSync(file)) throw new VectorsFileError(`${file}: no such file`);
  const vectors = new Map<string, Float32Array>();
  let dims = opts.dims ?? 0;
  const fail = (line: number, msg: string) => new VectorsFileError(`${file}:${line}: ${msg}`);
  for await (const { text, line } of readLines(file)) {
    if (!text.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      throw fail(line, 'not JSON (expected {"id": "...", "vector": [...]})');
    }
    const { id, vector } = (row ?? {}) as { id?: unknown; vector?: unknown };
    if (typeof id !== 'string' || !id) throw fail(line, '"id" must be a non-empty string');
    if (!Array.isArray(vector) || !vector.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw fail(line, '"vector" must be an array of finite numbers');
    }
    if (!dims) dims = vector.length;
    if (vector.length !== dims) throw fail(line, `vector of ${vector.length} dimensions, expected ${dims}`);
    if (vectors.has(id)) throw fail(line, `duplicate id "${id}"`);
    const unit = normalizeVector(Float32Array.from(vector as number[]));
    if (!unit) throw fail(line, 'zero vector');
    vectors.set(id, unit);
  }
  if (!vectors.size) throw new VectorsFileError(`${file}: no vectors`);
  const hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
  return { vectors, dims, version: `file:${path.basename(file)}@${hash}` };
}

/**
 * Stores the file's vectors for the articles of `source` under the file's version. Every article must have
 * a vector and every id must be an article: a mismatch means the file was made for another news.tsv.
 */
export async function storeFileVectors(db: Db, source: string, file: VectorsFile): Promise<number> {
  const articles = await db.article.findMany({ where: { source }, select: { id: true, externalId: true } });
  const known = new Set(articles.map((a) => a.externalId));
  const unknown = [...file.vectors.keys()].filter((id) => !known.has(id));
  if (unknown.length) throw new VectorsFileError(`${unknown.length} ids in the vectors file are not in news.tsv (e.g. ${sample(unknown)})`);
  const missing = articles.filter((a) => !file.vectors.has(a.externalId)).map((a) => a.externalId);
  if (missing.length) throw new VectorsFileError(`${missing.length} news.tsv articles have no vector in the file (e.g. ${sample(missing)})`);
  const data = articles.map((a) => ({ articleId: a.id, encoderVersion: file.version, dims: file.dims, vector: vectorToBytes(file.vectors.get(a.externalId)!) }));
  for (let i = 0; i < data.length; i += 500) await db.articleVector.createMany({ data: data.slice(i, i + 500) });
  return data.length;
}

const sample = (ids: string[]) => ids.slice(0, 3).join(', ');
