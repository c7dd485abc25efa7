import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const encoderDtypes = ['fp32', 'q8', 'fp16'] as const;
export type EncoderDtype = (typeof encoderDtypes)[number];

export interface ManifestModel {
  kind: 'encoder' | 'test-fixture';
  dimensions: number;
  pooling: string;
  normalize: boolean;
  maxLength: number;
  dtypes: Partial<Record<EncoderDtype, string>>;
  files: Record<string, { sha256: string; bytes: number }>;
  /** Provenance: `hub:<repo>@<commit>` for pulled models, free text for the ones that ship. */
  source?: string;
  license?: string;
  card?: string;
}

export interface Manifest {
  version: number;
  default: string | null;
  models: Record<string, ManifestModel>;
}

export interface VerifiedModel {
  name: string;
  dir: string;
  entry: ManifestModel;
  dtype: EncoderDtype;
  /** Path of the dtype's ONNX file, relative to the model directory. */
  onnxFile: string;
  onnxSha256: string;
}

const verified = new Map<string, Promise<VerifiedModel>>();

export async function readManifest(modelsDir: string): Promise<Manifest> {
  const file = path.join(modelsDir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Model manifest not found at ${file}`, { cause: error });
  }
  return parseManifest(text, file);
}

/**
 * The manifest, or null when there is none: for callers that only need to know which encoders are installed
 * and their versions (the encoder config, read without loading ONNX Runtime or hashing files).
 */
export function readManifestIfPresent(modelsDir: string): Manifest | null {
  const file = path.join(modelsDir, 'manifest.json');
  return existsSync(file) ? parseManifest(readFileSync(file, 'utf8'), file) : null;
}

function parseManifest(text: string, file: string): Manifest {
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.version !== 1 || typeof manifest.models !== 'object') {
    throw new Error(`Unsupported model manifest at ${file} (expected version 1)`);
  }
  return manifest;
}

/** `${model}@${sha256 prefix of its ONNX file}`: article vectors are stored and looked up under this key. */
export function formatEncoderVersion(model: string, onnxSha256: string): string {
  return `${model}@${onnxSha256.toLowerCase().slice(0, 12)}`;
}

/**
 * Checks size and sha256 of every file the encoder loads: all listed files except the ONNX weights of other
 * dtypes (hashing an unused 400 MB fp32 file to serve q8 would only slow the start). Succeeds once per
 * process per model and dtype; a failure is not cached, so a repaired file is picked up on the next call.
 */
export function verifyModel(modelsDir: string, name: string, dtype: EncoderDtype): Promise<VerifiedModel> {
  const key = `${path.resolve(modelsDir)}\0${name}\0${dtype}`;
  let pending = verified.get(key);
  if (!pending) {
    pending = verifyUncached(modelsDir, name, dtype);
    verified.set(key, pending);
    pending.catch(() => verified.delete(key));
  }
  return pending;
}

export function findManifestModel(manifest: Manifest, name: string, modelsDir: string): ManifestModel {
  const entry = manifest.models[name];
  if (!entry) {
    const known = Object.keys(manifest.models).join(', ') || 'none';
    throw new Error(`Unknown model "${name}": no entry in ${path.join(modelsDir, 'manifest.json')} (known: ${known})`);
  }
  return entry;
}

async function verifyUncached(modelsDir: string, name: string, dtype: EncoderDtype): Promise<VerifiedModel> {
  const entry = findManifestModel(await readManifest(modelsDir), name, modelsDir);
  const onnxFile = entry.dtypes[dtype];
  if (!onnxFile) {
    throw new Error(`Model "${name}" has no ${dtype} weights (available: ${Object.keys(entry.dtypes).join(', ')})`);
  }
  const onnxChecksum = entry.files[onnxFile];
  if (!onnxChecksum) throw new Error(`Manifest lists no checksum for ${name}/${onnxFile}`);
  const otherWeights = new Set(Object.values(entry.dtypes).filter((file) => file !== onnxFile));
  const dir = await realpath(path.join(modelsDir, name)).catch((error: unknown) => {
    throw new Error(`Model directory ${path.join(modelsDir, name)} is missing`, { cause: error });
  });
  const toCheck = Object.entries(entry.files).filter(
    ([file]) => ![...otherWeights].some((other) => file === other || file.startsWith(`${other}_data`)),
  );
  await Promise.all(toCheck.map(([file, expected]) => checkFile(dir, name, file, expected)));
  return { name, dir, entry, dtype, onnxFile, onnxSha256: onnxChecksum.sha256.toLowerCase() };
}

async function checkFile(dir: string, name: string, file: string, expected: { sha256: string; bytes: number }): Promise<void> {
  const fullPath = path.join(dir, file);
  const info = await stat(fullPath).catch((error: unknown) => {
    throw new Error(`Model file ${name}/${file} listed in the manifest is missing`, { cause: error });
  });
  if (info.size !== expected.bytes) {
    throw new Error(`Model file ${name}/${file} has ${info.size} bytes, manifest says ${expected.bytes}`);
  }
  const actual = await hashFile(fullPath);
  if (actual !== expected.sha256.toLowerCase()) {
    throw new Error(`Model file ${name}/${file} fails its sha256 check: ${actual}, manifest says ${expected.sha256}`);
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
