import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@lede/db';
import {
  encoderDevices,
  encoderDtypes,
  formatEncoderVersion,
  readManifestIfPresent,
  type EncoderDevice,
  type EncoderDtype,
} from '@lede/ranking/encoder';
import { z } from 'zod';

import { readProcessEnv } from '../shared/env';

export const ZEncoderDtype = z.enum(encoderDtypes);
export type TEncoderDtype = EncoderDtype;

const ZEncoderEnv = z.object({
  LEDE_MODELS_DIR: z.string().default(path.join(repoRoot, 'models')),
  /** Encoder model name under models/ (default: the manifest's default). */
  LEDE_ENCODER: z.string().optional(),
  LEDE_ENCODER_DTYPE: ZEncoderDtype.default('q8'),
  LEDE_ENCODER_DEVICE: z.enum(encoderDevices).default('auto'),
});

export interface EncoderConfig {
  modelsDir: string;
  model: string;
  dtype: TEncoderDtype;
  device: EncoderDevice;
  /** `${model}@${sha256 prefix of the ONNX file}`: vectors are stored and looked up under this key. */
  encoderVersion: string;
}

export function readEncoderEnv(env: NodeJS.ProcessEnv = readProcessEnv()) {
  return ZEncoderEnv.parse(env);
}

export function readModelsDir(env: NodeJS.ProcessEnv = readProcessEnv()): string {
  return readEncoderEnv(env).LEDE_MODELS_DIR;
}

/**
 * Test fixtures serve only when LEDE_ENCODER names them explicitly (tests do); they are never a default and
 * never reachable through a stored setting alone.
 */
export function isFixtureAllowed(model: string, env: NodeJS.ProcessEnv = readProcessEnv()): boolean {
  return readEncoderEnv(env).LEDE_ENCODER === model;
}

/**
 * The config for one model and dtype, read from models/manifest.json without loading ONNX Runtime or hashing
 * files. Null when the manifest, the model, its dtype or its ONNX file is missing, or when it is a test
 * fixture that `LEDE_ENCODER` does not name.
 */
export function encoderConfigFor(model: string, dtype: TEncoderDtype, env: NodeJS.ProcessEnv = readProcessEnv()): EncoderConfig | null {
  const e = readEncoderEnv(env);
  const entry = readManifestIfPresent(e.LEDE_MODELS_DIR)?.models[model];
  if (!entry || (entry.kind === 'test-fixture' && e.LEDE_ENCODER !== model)) return null;
  const onnx = entry.dtypes[dtype];
  const sha = onnx ? entry.files[onnx]?.sha256 : undefined;
  if (!onnx || !sha || !fs.existsSync(path.join(e.LEDE_MODELS_DIR, model, onnx))) return null;
  return { modelsDir: e.LEDE_MODELS_DIR, model, dtype, device: e.LEDE_ENCODER_DEVICE, encoderVersion: formatEncoderVersion(model, sha) };
}

/**
 * The encoder named by the environment (LEDE_ENCODER, else the manifest's default; LEDE_ENCODER_DTYPE).
 * CLIs and tests use it directly; the running apps prefer the encoder stored in the database
 * (`readServingEncoder`) and fall back to this. Null when no encoder is installed: ranking then works from
 * categories, popularity and freshness.
 */
export function readEncoderConfig(env: NodeJS.ProcessEnv = readProcessEnv()): EncoderConfig | null {
  const e = readEncoderEnv(env);
  const manifest = readManifestIfPresent(e.LEDE_MODELS_DIR);
  if (!manifest) return null;
  const model = e.LEDE_ENCODER ?? manifest.default;
  return model ? encoderConfigFor(model, e.LEDE_ENCODER_DTYPE, env) : null;
}

export interface InstalledEncoder {
  name: string;
  kind: string;
  dimensions: number | null;
  /** dtype → encoder version, for the dtypes whose weights are on disk. */
  versions: Partial<Record<TEncoderDtype, string>>;
  source: string | null;
  license: string | null;
}

/** The encoders that could serve (test fixtures only when LEDE_ENCODER names them), from the manifest. */
export function listInstalledEncoders(env: NodeJS.ProcessEnv = readProcessEnv()): InstalledEncoder[] {
  const e = readEncoderEnv(env);
  const manifest = readManifestIfPresent(e.LEDE_MODELS_DIR);
  if (!manifest) return [];
  return Object.entries(manifest.models).flatMap(([name, entry]) => {
    const versions = Object.fromEntries(
      encoderDtypes.flatMap((dtype) => {
        const config = encoderConfigFor(name, dtype, env);
        return config ? [[dtype, config.encoderVersion]] : [];
      }),
    );
    if (Object.keys(versions).length === 0) return [];
    return [{ name, kind: entry.kind, dimensions: entry.dimensions ?? null, versions, source: entry.source ?? null, license: entry.license ?? null }];
  });
}
