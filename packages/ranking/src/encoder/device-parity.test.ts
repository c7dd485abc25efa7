import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { createEncoder, encoderDevices, type EncoderDevice } from './create-encoder';
import { computeCosine } from '../vector-math';
import { type EncoderDtype } from './manifest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const modelsDir = path.join(repo, 'models');
const corpus = path.join(repo, 'data', 'demo', 'huffpost-news-13k.jsonl');

/**
 * The device under test: the CPU in CI; the GPU script sets `webgpu` or `cuda`. On the CPU the reference
 * runs on one intra-op thread and the candidate on two, so the two sum in a different order.
 */
const device = (process.env.LEDE_TEST_ENCODER_DEVICE ?? 'cpu') as EncoderDevice;
/** fp16 runs slowly on a CPU (~15 articles/s on 2 cores), so CI checks a sample; the GPU script checks more. */
const SAMPLE = Number(process.env.LEDE_TEST_ENCODER_SAMPLE ?? 96);

/** Demo articles as the worker embeds them: title and description. */
function readDemoTexts(n: number): string[] {
  const texts: string[] = [];
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (texts.length >= n) break;
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { headline?: string; title?: string; short_description?: string; description?: string };
    texts.push(`${row.title ?? row.headline ?? ''}. ${row.description ?? row.short_description ?? ''}`);
  }
  return texts;
}

// fp32: the test fixture (the shipped encoder has no fp32 file); fp16: the shipped encoder, its GPU weights.
const cases: Array<{ model: string; dtype: EncoderDtype }> = [
  { model: 'test-tiny-bert', dtype: 'fp32' },
  { model: 'lede-news-bert', dtype: 'fp16' },
];

describe.skipIf(!existsSync(corpus))(`encoder vectors on ${device} match the CPU's`, () => {
  it('names a known device', () => expect(encoderDevices).toContain(device));

  for (const { model, dtype } of cases) {
    it.skipIf(!existsSync(path.join(modelsDir, model)))(`${model} ${dtype}: cosine >= 0.999 on ${SAMPLE} demo articles`, async () => {
      const texts = readDemoTexts(SAMPLE);
      const reference = await createEncoder({ modelsDir, model, dtype, device: 'cpu', threads: 1 });
      const candidate = await createEncoder({ modelsDir, model, dtype, device, threads: 2 });
      try {
        if (device !== 'cpu' && device !== 'auto') expect(candidate.info.device).toBe(device);
        const [expected, actual] = [await reference.encode(texts), await candidate.encode(texts)];
        const cosines = expected.map((v, i) => computeCosine(v, actual[i]!) ?? 0);
        expect(cosines).toHaveLength(SAMPLE);
        expect(Math.min(...cosines)).toBeGreaterThanOrEqual(0.999);
      } finally {
        await Promise.all([reference.dispose(), candidate.dispose()]);
      }
    });
  }
});
