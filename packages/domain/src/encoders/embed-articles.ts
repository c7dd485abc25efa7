import { type Db } from '@lede/db';
import { createEncoder, encodeText, vectorToBytes, type ExecutionDevice } from '@lede/ranking/encoder';

import { createLogger } from '../shared/logger';
import { type EncoderConfig, readEncoderConfig } from './config';

const log = createLogger('embeddings');
type Encoder = Awaited<ReturnType<typeof createEncoder>>;

const encoders = new Map<string, Promise<Encoder>>();
const encoderKey = (config: EncoderConfig) => `${config.modelsDir}|${config.model}|${config.dtype}|${config.device}`;

/**
 * One encoder per process and configuration: loading the ONNX session is the expensive part. During an
 * encoder switch the worker holds two (serving and requested); `retainEncoders` drops the rest.
 */
export function getEncoder(config: EncoderConfig): Promise<Encoder> {
  const key = encoderKey(config);
  let encoder = encoders.get(key);
  if (!encoder) {
    encoder = createEncoder({ modelsDir: config.modelsDir, model: config.model, dtype: config.dtype, device: config.device });
    encoders.set(key, encoder);
    encoder.catch(() => encoders.delete(key));
  }
  return encoder;
}

/** Disposes the loaded encoders other than `keep` (after a switch, the old one is no longer needed). */
export async function retainEncoders(keep: EncoderConfig[]): Promise<void> {
  const wanted = new Set(keep.map(encoderKey));
  const drop = [...encoders].filter(([key]) => !wanted.has(key));
  for (const [key] of drop) encoders.delete(key);
  await Promise.all(drop.map(([, e]) => e.then((encoder) => encoder.dispose()).catch(() => undefined)));
}

/**
 * Encode-once: embeds the articles that have no vector for the encoder version yet and stores them. The
 * encoder is `opts.config`, else the one the environment names. Returns how many were embedded; 0 without
 * an installed encoder.
 */
export async function embedMissingArticles(
  db: Db,
  opts: { config?: EncoderConfig | null; limit?: number; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ embedded: number; encoderVersion: string | null; device: ExecutionDevice | null }> {
  const config = opts.config === undefined ? readEncoderConfig() : opts.config;
  if (!config) return { embedded: 0, encoderVersion: null, device: null };
  const { encoderVersion } = config;
  const missing = { vectors: { none: { encoderVersion } } };
  const total = Math.min(await db.article.count({ where: missing }), opts.limit ?? Infinity);
  if (total === 0) return { embedded: 0, encoderVersion, device: null };
  const encoder = await getEncoder(config);
  const batchSize = opts.batchSize ?? 256;
  let embedded = 0;
  while (embedded < total) {
    const batch = await db.article.findMany({
      where: missing,
      orderBy: { publishedAt: 'desc' },
      take: Math.min(batchSize, total - embedded),
      select: { id: true, title: true, abstract: true },
    });
    if (!batch.length) break;
    const vectors = await encoder.encode(batch.map(encodeText));
    await storeVectors(db, encoderVersion, batch.map((a, i) => ({ articleId: a.id, vector: vectors[i]! })));
    embedded += batch.length;
    opts.onProgress?.(embedded, total);
  }
  log.info('embedded articles', { embedded, encoderVersion, device: encoder.info.device });
  return { embedded, encoderVersion, device: encoder.info.device };
}

/**
 * Inserts vectors, tolerating rows another process (a CLI beside the worker) stored meanwhile: on a unique
 * violation the batch is retried without the rows that now exist.
 */
async function storeVectors(db: Db, encoderVersion: string, rows: { articleId: string; vector: Float32Array }[]): Promise<void> {
  const data = rows.map((r) => ({ articleId: r.articleId, encoderVersion, dims: r.vector.length, vector: vectorToBytes(r.vector) }));
  try {
    await db.articleVector.createMany({ data });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'P2002') throw err;
    const existing = await db.articleVector.findMany({
      where: { encoderVersion, articleId: { in: rows.map((r) => r.articleId) } },
      select: { articleId: true },
    });
    const have = new Set(existing.map((e) => e.articleId));
    await db.articleVector.createMany({ data: data.filter((d) => !have.has(d.articleId)) });
  }
}
