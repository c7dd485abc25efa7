import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { runEncoderBench } from './encoder-bench';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models');
const hasFixture = existsSync(path.join(modelsDir, 'test-tiny-bert', 'onnx', 'model.onnx'));

describe.skipIf(!hasFixture)('runEncoderBench', () => {
  it('measures the product and the bare path on the same titles', async () => {
    const titles = Array.from({ length: 24 }, (_, i) => `Headline number ${i} about ${i % 2 ? 'markets' : 'weather'}`);
    const result = await runEncoderBench({ modelsDir, model: 'test-tiny-bert', dtype: 'fp32', batchSize: 8, threads: 1, titles, rounds: 1 });
    expect(result.model).toBe('test-tiny-bert');
    expect(result.titles_per_s).toBeGreaterThan(0);
    expect(result.bare_titles_per_s).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.titles_per_s / result.bare_titles_per_s, 12);
  });
});
