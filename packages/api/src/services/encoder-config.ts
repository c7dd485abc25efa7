import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@lede/db';
import { z } from 'zod';

const ZEncoderEnv = z.object({
  LEDE_MODELS_DIR: z.string().default(path.join(repoRoot, 'models')),
  /** Encoder model name under models/ (default: the manifest's default). */
  LEDE_ENCODER: z.string().optional(),
  LEDE_ENCODER_DTYPE: z.enum(['fp32', 'q8', 'fp16']).default('q8'),
  LEDE_ENCODER_DEVICE: z.enum(['auto', 'cpu', 'cuda']).default('auto'),
});

const ZManifest = z.object({
  default: z.string().nullish(),
  models: z.record(
    z.string(),
    z.object({
      kind: z.string(),
      dtypes: z.record(z.string(), z.string()),
      files: z.record(z.string(), z.object({ sha256: z.string() })),
    }),
  ),
});

export interface EncoderConfig {
  modelsDir: string;
  model: string;
  dtype: 'fp32' | 'q8' | 'fp16';
  device: 'auto' | 'cpu' | 'cuda';
  /** `${model}@${sha256 prefix of the ONNX file}`: vectors are stored and looked up under this key. */
  encoderVersion: string;
}

/**
 * The encoder the product serves with, read from models/manifest.json without loading ONNX Runtime.
 * Null when no encoder is installed: ranking then works from categories, popularity and freshness.
 */
export function readEncoderConfig(env: NodeJS.ProcessEnv = process.env): EncoderConfig | null {
  const e = ZEncoderEnv.parse(env);
  const file = path.join(e.LEDE_MODELS_DIR, 'manifest.json');
  if (!fs.existsSync(file)) return null;
  const manifest = ZManifest.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const model = e.LEDE_ENCODER ?? manifest.default;
  const entry = model ? manifest.models[model] : undefined;
  if (!model || !entry || entry.kind === 'test-fixture' && !e.LEDE_ENCODER) return null;
  const onnx = entry.dtypes[e.LEDE_ENCODER_DTYPE];
  const sha = onnx ? entry.files[onnx]?.sha256 : undefined;
  if (!onnx || !sha || !fs.existsSync(path.join(e.LEDE_MODELS_DIR, model, onnx))) return null;
  return { modelsDir: e.LEDE_MODELS_DIR, model, dtype: e.LEDE_ENCODER_DTYPE, device: e.LEDE_ENCODER_DEVICE, encoderVersion: `${model}@${sha.slice(0, 12)}` };
}
