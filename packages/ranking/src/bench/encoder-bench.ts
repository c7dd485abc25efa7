import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { createEncoder } from '../encoder/create-encoder';
import { verifyModel, type EncoderDtype } from '../encoder/manifest';
import { poolAndNormalize } from '../encoder/pooling';

export interface EncoderBenchOptions {
  modelsDir: string;
  model: string;
  dtype: EncoderDtype;
  batchSize: number;
  threads: number;
  titles: string[];
  /** Timed passes over all titles per path; the best pass counts (the cores are shared and noisy). */
  rounds?: number;
}

export interface EncoderBenchResult {
  model: string;
  titles_per_s: number;
  bare_titles_per_s: number;
  /** titles_per_s / bare_titles_per_s: 1 means the product path adds nothing over a bare session. */
  ratio: number;
}

/**
 * Titles per second through `createEncoder().encode` versus a bare onnxruntime-node session on the same
 * ONNX file, same batch size and intra-op threads, both on the CPU. Both timings cover the whole path:
 * the same tokenizer call per batch, the forward pass and mean pooling + L2 normalisation (hand-written for
 * the bare path), so the ratio is exactly the cost of the transformers.js model wrapper and our code.
 * The two paths alternate round by round so drift in machine load hits both alike.
 */
export async function runEncoderBench(options: EncoderBenchOptions): Promise<EncoderBenchResult> {
  const { modelsDir, model, dtype, batchSize, threads, titles } = options;
  if (titles.length === 0) throw new RangeError('titles must not be empty');
  const verified = await verifyModel(modelsDir, model, dtype);
  const runtime = await import('../encoder/runtime');
  const encoder = await createEncoder({ modelsDir, model, dtype, device: 'cpu', batchSize, threads });
  const tokenize = await runtime.loadTokenizer(modelsDir, model);
  const bare = await runtime.createBareSession(path.join(verified.dir, verified.onnxFile), threads);

  const encodeBare = async (texts: string[]): Promise<Float32Array[]> => {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = tokenize(texts.slice(start, start + batchSize), verified.entry.maxLength);
      vectors.push(...poolAndNormalize(await bare.run(batch), batch.attention_mask.data));
    }
    return vectors;
  };

  try {
    // A few batches first, so both paths are JIT-compiled and the ONNX arenas are grown before timing.
    const warmup = titles.slice(0, batchSize * 4);
    checkSameVectors(await encoder.encode(warmup), await encodeBare(warmup));
    let product = Infinity;
    let bareBest = Infinity;
    for (let round = 0; round < (options.rounds ?? 3); round++) {
      // Alternate which path goes first, so neither always runs on the warmer (or busier) machine.
      const runProduct = async () => (product = Math.min(product, await timeSeconds(() => encoder.encode(titles))));
      const runBare = async () => (bareBest = Math.min(bareBest, await timeSeconds(() => encodeBare(titles))));
      for (const run of round % 2 === 0 ? [runProduct, runBare] : [runBare, runProduct]) await run();
    }
    const titlesPerSecond = titles.length / product;
    const bareTitlesPerSecond = titles.length / bareBest;
    return { model, titles_per_s: titlesPerSecond, bare_titles_per_s: bareTitlesPerSecond, ratio: titlesPerSecond / bareTitlesPerSecond };
  } finally {
    await Promise.all([encoder.dispose(), bare.release()]);
  }
}

async function timeSeconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** Guards the comparison: both paths must compute the same embedding, or the ratio means nothing. */
function checkSameVectors(product: Float32Array[], bare: Float32Array[]): void {
  const diff = Math.max(0, ...product.flatMap((v, i) => Array.from(v, (x, d) => Math.abs(x - (bare[i]?.[d] ?? Infinity)))));
  if (!(diff < 1e-4)) throw new Error(`Product and bare encoder disagree (max difference ${diff})`);
}
