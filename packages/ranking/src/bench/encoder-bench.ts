import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { createEncoder, type EncoderDevice, type ExecutionDevice } from '../encoder/create-encoder';
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
  /** Where the product path runs (default `cpu`); the bare session always runs on the CPU. */
  device?: EncoderDevice;
}

export interface EncoderBenchResult {
  model: string;
  titles_per_s: number;
  bare_titles_per_s: number;
  /** titles_per_s / bare_titles_per_s: 1 means the product path adds nothing over a bare session. */
  ratio: number;
  /** The device the product path really ran on, after any fallback. */
  device: ExecutionDevice;
  dtype: EncoderDtype;
  batch: number;
  /** The product path on this machine's CPU, timed in the same rounds (equal to titles_per_s on the CPU). */
  cpu_titles_per_s: number;
  /** titles_per_s / cpu_titles_per_s. */
  ratio_to_cpu: number;
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
  const encoder = await createEncoder({ modelsDir, model, dtype, device: options.device ?? 'cpu', batchSize, threads });
  const cpuEncoder = encoder.info.device === 'cpu' ? encoder : await createEncoder({ modelsDir, model, dtype, device: 'cpu', batchSize, threads });
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
    const bareWarmup = await encodeBare(warmup);
    checkSameVectors(await cpuEncoder.encode(warmup), bareWarmup, 1e-4);
    // A GPU computes in another order (and fp16 kernels round differently): close, not equal.
    if (cpuEncoder !== encoder) checkSameVectors(await encoder.encode(warmup), bareWarmup, 2e-2);
    const best = { product: Infinity, cpu: Infinity, bare: Infinity };
    const timed = (key: keyof typeof best, run: () => Promise<unknown>) => async () => {
      best[key] = Math.min(best[key], await timeSeconds(run));
    };
    const paths = [timed('product', () => encoder.encode(titles)), timed('bare', () => encodeBare(titles))];
    if (cpuEncoder !== encoder) paths.push(timed('cpu', () => cpuEncoder.encode(titles)));
    for (let round = 0; round < (options.rounds ?? 3); round++) {
      // Rotate which path goes first, so none always runs on the warmer (or busier) machine.
      for (let i = 0; i < paths.length; i++) await paths[(i + round) % paths.length]!();
    }
    if (cpuEncoder === encoder) best.cpu = best.product;
    const titlesPerSecond = titles.length / best.product;
    const cpuTitlesPerSecond = titles.length / best.cpu;
    const bareTitlesPerSecond = titles.length / best.bare;
    return {
      model,
      titles_per_s: titlesPerSecond,
      bare_titles_per_s: bareTitlesPerSecond,
      ratio: cpuTitlesPerSecond / bareTitlesPerSecond,
      device: encoder.info.device,
      dtype,
      batch: batchSize,
      cpu_titles_per_s: cpuTitlesPerSecond,
      ratio_to_cpu: titlesPerSecond / cpuTitlesPerSecond,
    };
  } finally {
    await Promise.all([encoder.dispose(), bare.release(), cpuEncoder === encoder ? undefined : cpuEncoder.dispose()]);
  }
}

async function timeSeconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** Guards the comparison: both paths must compute the same embedding, or the ratio means nothing. */
function checkSameVectors(product: Float32Array[], bare: Float32Array[], tolerance: number): void {
  // A loop, not Math.max(...): a batch of 256 has more values than a call's arguments may.
  let diff = product.length === bare.length ? 0 : Infinity;
  product.forEach((v, i) => v.forEach((x, d) => (diff = Math.max(diff, Math.abs(x - (bare[i]?.[d] ?? Infinity))))));
  if (!(diff < tolerance)) throw new Error(`Product and bare encoder disagree (max difference ${diff})`);
}
