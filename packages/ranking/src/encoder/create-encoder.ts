import { findManifestModel, readManifest, verifyModel, type EncoderDtype, type VerifiedModel } from './manifest';
import { poolAndNormalize } from './pooling';
import type { LoadedExtractor } from './runtime';

export type EncoderDevice = 'auto' | 'cpu' | 'cuda';

export interface EncoderOptions {
  modelsDir: string;
  /** A model name from the manifest; defaults to the manifest's `default`. */
  model?: string;
  device?: EncoderDevice;
  /** Defaults to fp32 on every device, so CPU and GPU machines produce the same encoder version. */
  dtype?: EncoderDtype;
  batchSize?: number;
  /** ONNX Runtime intra-op threads; defaults to the runtime's choice (all cores). */
  threads?: number;
}

export interface EncoderInfo {
  model: string;
  dims: number;
  /** The device actually used, after any fallback. */
  device: 'cpu' | 'cuda';
  dtype: EncoderDtype;
  /** `<model>@<first 12 hex of the dtype's ONNX sha256>`: vectors are stored and compared per version. */
  encoderVersion: string;
}

export interface Encoder {
  info: EncoderInfo;
  /** One L2-normalised vector per text, in order. */
  encode(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

const DEFAULT_BATCH_SIZE = 32;
let warnedCudaFallback = false;

/**
 * Loads a verified local model. `auto` and `cuda` try the CUDA execution provider first and fall back to
 * the CPU with one warning per process: a missing CUDA provider only shows up when a session is created.
 * Manifest problems (unknown model, missing file, checksum mismatch) are always errors, never a fallback.
 */
export async function createEncoder(options: EncoderOptions): Promise<Encoder> {
  const manifest = await readManifest(options.modelsDir);
  const model = options.model ?? manifest.default;
  if (!model) throw new Error('No encoder model given and the manifest has no default model');
  findManifestModel(manifest, model, options.modelsDir);
  const dtype = options.dtype ?? 'fp32';
  const verified = await verifyModel(options.modelsDir, model, dtype);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');

  const runtime = await import('./runtime');
  const load = (device: 'cpu' | 'cuda') =>
    runtime.loadFeatureExtractor({ ...options, model, dtype, device, onnxFile: verified.onnxFile });
  let device: 'cpu' | 'cuda' = options.device === 'cpu' ? 'cpu' : 'cuda';
  if (device === 'cuda' && !runtime.isCudaProviderInstalled()) {
    warnCudaFallback(new Error('onnxruntime-node was installed without its CUDA provider'));
    device = 'cpu';
  }
  let extractor: LoadedExtractor;
  try {
    extractor = await load(device);
  } catch (error) {
    if (device === 'cpu') throw error;
    warnCudaFallback(error);
    device = 'cpu';
    extractor = await load(device);
  }
  return buildEncoder(extractor, verified, device, batchSize);
}

function buildEncoder(extractor: LoadedExtractor, verified: VerifiedModel, device: 'cpu' | 'cuda', batchSize: number): Encoder {
  const { entry, name, dtype } = verified;
  const info: EncoderInfo = {
    model: name,
    dims: entry.dimensions,
    device,
    dtype,
    encoderVersion: `${name}@${verified.onnxSha256.slice(0, 12)}`,
  };
  return {
    info,
    encode: async (texts) => {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = extractor.tokenize(texts.slice(start, start + batchSize), entry.maxLength);
        const hidden = await extractor.runModel(batch);
        if (hidden.dims[2] !== entry.dimensions) {
          throw new Error(`Model ${name} returned ${hidden.dims[2]}-d vectors, manifest says ${entry.dimensions}`);
        }
        vectors.push(...poolAndNormalize(hidden, batch.attention_mask.data));
      }
      return vectors;
    },
    dispose: () => extractor.dispose(),
  };
}

function warnCudaFallback(error: unknown): void {
  if (warnedCudaFallback) return;
  warnedCudaFallback = true;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.warn(`[@lede/ranking] CUDA execution provider unavailable, encoding on CPU (${reason})`);
}
