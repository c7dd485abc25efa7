import { type Db } from '@lede/db';
import { createEncoder, encodeText, vectorToBytes } from '@lede/ranking/encoder';

import { createLogger } from '../logger';
import { type EncoderConfig, readEncoderConfig } from './encoder-config';

const log = createLogger('embeddings');
type Encoder = Awaited<ReturnType<typeof createEncoder>>;

let cached: { key: string; encoder: Promise<Encoder> } | null = null;

/** One encoder per process and configuration: loading the ONNX session is the expensive part. */
export function getEncoder(config: EncoderConfig): Promise<Encoder> {
  const key = `${config.model}|${config.dtype}|${config.device}`;
  if (cached?.key !== key) {
    cached = {
      key,
      encoder: createEncoder({ modelsDir: config.modelsDir, model: config.model, dtype: config.dtype, device: config.device }),
    };
  }
  return cached.encoder;
}

/**
 * Encode-once: embeds the articles that have no vector for the active encoder version yet and stores them.
 * Returns how many were embedded; 0 without an installed encoder.
 */
export async function embedMissingArticles(
  db: Db,
  opts: { limit?: number; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ embedded: number; encoderVersion: string | null; device: string | null }> {
  const config = readEncoderConfig();
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
    await db.articleVector.createMany({
      data: batch.map((a, i) => ({
        articleId: a.id,
        encoderVersion,
        dims: vectors[i]!.length,
        vector: vectorToBytes(vectors[i]!),
      })),
    });
    embedded += batch.length;
    opts.onProgress?.(embedded, total);
  }
  log.info('embedded articles', { embedded, encoderVersion, device: encoder.info.device });
  return { embedded, encoderVersion, device: encoder.info.device };
}
