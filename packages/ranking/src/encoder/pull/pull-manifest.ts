import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { readManifest, type Manifest, type ManifestModel } from '../manifest';

export async function readManifestOrEmpty(modelsDir: string): Promise<Manifest> {
  if (!existsSync(path.join(modelsDir, 'manifest.json'))) return { version: 1, default: null, models: {} };
  return readManifest(modelsDir);
}

/**
 * Adds (or replaces) one model in manifest.json, re-reading it right before so entries written by others in
 * the meantime survive, and writing a temporary file that replaces the manifest by rename: a reader sees the
 * old or the new manifest, never half of one.
 */
export async function registerModel(modelsDir: string, name: string, entry: ManifestModel): Promise<void> {
  const manifest = await readManifestOrEmpty(modelsDir);
  const next: Manifest = { ...manifest, models: { ...manifest.models, [name]: entry } };
  const file = path.join(modelsDir, 'manifest.json');
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(next, null, 2)}\n`);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}
