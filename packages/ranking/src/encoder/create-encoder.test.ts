import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createEncoder, type Encoder } from './create-encoder';
import { readManifest, verifyModel } from './manifest';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models');
const model = 'test-tiny-bert';
const hasFixture = existsSync(path.join(modelsDir, model, 'onnx', 'model.onnx'));

const texts = [
  'Markets rally as inflation cools',
  'A',
  'Local team wins the championship after a dramatic overtime finish in front of a record crowd',
  'Storm warning for the coast',
  'Election results: what we know so far',
  '',
  'New vaccine shows promise in early trials',
  'Tech giant unveils a foldable phone',
  'Recipe: ten-minute pasta',
  'Opinion — why cities need more trees',
];

/** A private copy of the fixture and a manifest the test may edit. */
async function copyModels(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lede-models-'));
  await cp(path.join(modelsDir, model), path.join(dir, model), { recursive: true });
  await cp(path.join(modelsDir, 'manifest.json'), path.join(dir, 'manifest.json'));
  return dir;
}

describe.skipIf(!hasFixture)('createEncoder with the test fixture', () => {
  let single: Encoder;
  let batched: Encoder;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    single = await createEncoder({ modelsDir, model, device: 'cpu', batchSize: 1, threads: 1 });
    batched = await createEncoder({ modelsDir, model, device: 'cpu', batchSize: 8, threads: 1 });
  });

  afterAll(async () => {
    await Promise.all([single.dispose(), batched.dispose(), ...tempDirs.map((d) => rm(d, { recursive: true, force: true }))]);
  });

  it('reports what it loaded', async () => {
    const entry = (await readManifest(modelsDir)).models[model]!;
    expect(batched.info).toEqual({
      model,
      dims: 512,
      device: 'cpu',
      dtype: 'fp32',
      encoderVersion: `${model}@${entry.files['onnx/model.onnx']!.sha256.slice(0, 12)}`,
    });
  });

  it('returns one unit vector per text', async () => {
    const vectors = await batched.encode(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toHaveLength(512);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    expect(await batched.encode([])).toEqual([]);
  });

  it('gives the same vectors in batches of 1 and of 8', async () => {
    const [one, eight] = await Promise.all([single.encode(texts), batched.encode(texts)]);
    const maxDiff = Math.max(...one.flatMap((v, i) => Array.from(v, (x, d) => Math.abs(x - eight[i]![d]!))));
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('loads the q8 weights as another encoder version', async () => {
    const q8 = await createEncoder({ modelsDir, model, dtype: 'q8', device: 'cpu', threads: 1 });
    expect(q8.info.dtype).toBe('q8');
    expect(q8.info.encoderVersion).not.toBe(batched.info.encoderVersion);
    expect((await q8.encode(['hello']))[0]).toHaveLength(512);
    await q8.dispose();
  });

  it('refuses a model whose file fails its checksum', async () => {
    const dir = await copyModels();
    tempDirs.push(dir);
    const file = path.join(dir, model, 'onnx', 'model.onnx');
    const bytes = await readFile(file);
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(file, bytes);
    await expect(createEncoder({ modelsDir: dir, model, device: 'cpu' })).rejects.toThrow(/onnx\/model\.onnx fails its sha256 check/);
  });

  it('refuses a missing file, an unknown model and a missing default', async () => {
    const dir = await copyModels();
    tempDirs.push(dir);
    await rm(path.join(dir, model, 'tokenizer.json'));
    await expect(createEncoder({ modelsDir: dir, model, device: 'cpu' })).rejects.toThrow(/tokenizer\.json listed in the manifest is missing/);
    await expect(createEncoder({ modelsDir, model: 'no-such-model' })).rejects.toThrow(/Unknown model "no-such-model"/);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, default: null }));
    await expect(createEncoder({ modelsDir: dir })).rejects.toThrow(/no default model/);
  });

  it('verifies each model once per process', () => {
    expect(verifyModel(modelsDir, model, 'fp32')).toBe(verifyModel(modelsDir, model, 'fp32'));
  });
});
