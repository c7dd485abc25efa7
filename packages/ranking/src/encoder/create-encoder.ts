import { findManifestModel, formatEncoderVersion, readManifest, verifyModel, type EncoderDtype, type VerifiedModel } from './manifest';
import { poolAndNormalize } from './pooling';
import type { LoadedExtractor } from './runtime';

/** Where the encoder may run: `auto` tries CUDA, then WebGPU, then the CPU. */
export const encoderDevices = ['auto', 'cpu', 'cuda', 'webgpu'] as const;
export type EncoderDevice = (typeof encoderDevices)[number];
/** A device a session really runs on. */
export const executionDevices = ['cpu', 'cuda', 'webgpu'] as const;
export type ExecutionDevice = (typeof executionDevices)[number];

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
  device: ExecutionDevice;
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
let reportedDevice = false;

/**
 * Loads a verified local model. `auto` tries CUDA (where onnxruntime-node's CUDA provider is installed), then
 * WebGPU (onnxruntime-node's bundled Dawn provider, over Vulkan: needs a GPU and its Vulkan driver), then the
 * CPU; `cuda` and `webgpu` try that provider, then the CPU. A missing provider or adapter only shows up when
 * a session is created, so each is tried in turn; the process says once which device it ended up on.
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
  const skipped: string[] = [];
  for (const device of devicesToTry(options.device ?? 'auto')) {
    const unavailable = device === 'cuda' ? runtime.findCudaProblem() : device === 'webgpu' ? runtime.findVulkanProblem() : null;
    if (unavailable) {
      skipped.push(`${device}: ${unavailable}`);
      continue;
    }
    try {
      const extractor = await runtime.loadFeatureExtractor({ ...options, model, dtype, device, onnxFile: verified.onnxFile });
      reportDevice(options.device ?? 'auto', device, skipped);
      return buildEncoder(extractor, verified, device, batchSize);
    } catch (error) {
      if (device === 'cpu') throw error;
      skipped.push(`${device}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 200) : String(error)}`);
    }
  }
  throw new Error(`No device could load ${model}`);
}

/** The CPU always comes last: it is the one device that cannot be missing. */
function devicesToTry(requested: EncoderDevice): ExecutionDevice[] {
  if (requested === 'auto') return ['cuda', 'webgpu', 'cpu'];
  return requested === 'cpu' ? ['cpu'] : [requested, 'cpu'];
}

function buildEncoder(extractor: LoadedExtractor, verified: VerifiedModel, device: ExecutionDevice, batchSize: number): Encoder {
  const { entry, name, dtype } = verified;
  const info: EncoderInfo = {
    model: name,
    dims: entry.dimensions,
    device,
    dtype,
    encoderVersion: formatEncoderVersion(name, verified.onnxSha256),
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

/**
 * One line per process: a warning when a GPU that was asked for (or, with `auto`, the CUDA provider that is
 * installed) could not be used, otherwise an info line naming the device.
 */
function reportDevice(requested: EncoderDevice, used: ExecutionDevice, skipped: string[]): void {
  if (reportedDevice) return;
  reportedDevice = true;
  const why = skipped.length ? ` (${skipped.join('; ')})` : '';
  if (used === 'cpu' && requested !== 'cpu') console.warn(`[@lede/ranking] no GPU execution provider available, encoding on CPU${why}`);
  else console.info(`[@lede/ranking] encoding on ${used}${why}`);
}
