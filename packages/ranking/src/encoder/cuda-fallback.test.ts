import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it, vi } from 'vitest';

import { createEncoder } from './create-encoder';

const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../models');
const hasFixture = existsSync(path.join(modelsDir, 'test-tiny-bert', 'onnx', 'model.onnx'));

// Its own file: the warning flag is module state, and Vitest gives each test file fresh modules.
describe.skipIf(!hasFixture)('device fallback', () => {
  it('falls back to the CPU with a single warning when CUDA is unavailable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = await createEncoder({ modelsDir, model: 'test-tiny-bert', device: 'cuda', threads: 1 });
    const second = await createEncoder({ modelsDir, model: 'test-tiny-bert', device: 'auto', threads: 1 });
    expect(second.info.device).toBe(first.info.device);
    // On a machine with a working CUDA provider there is nothing to warn about.
    expect(warn).toHaveBeenCalledTimes(first.info.device === 'cpu' ? 1 : 0);
    await Promise.all([first.dispose(), second.dispose()]);
    warn.mockRestore();
  });
});
