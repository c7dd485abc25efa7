import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const srcDir = path.dirname(fileURLToPath(import.meta.url));

/** Every module specifier reachable from `entry` through static value imports and re-exports (`import type` is erased). */
function collectStaticImports(entry: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(entry)) return found;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const match of source.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
    const specifier = match[1]!;
    found.add(specifier);
    if (specifier.startsWith('.')) collectStaticImports(path.resolve(path.dirname(entry), `${specifier}.ts`), seen, found);
  }
  return found;
}

describe('package entry points', () => {
  it('keeps onnxruntime and transformers.js out of "@lede/ranking"', () => {
    const imports = [...collectStaticImports(path.join(srcDir, 'index.ts'))];
    expect(imports.filter((s) => /onnxruntime|@huggingface/.test(s))).toEqual([]);
    expect(imports).toContain('./rank/rank');
  });

  it('loads the runtime lazily, so importing the encoder entry does no work', async () => {
    const imports = [...collectStaticImports(path.join(srcDir, 'encoder', 'index.ts'))];
    expect(imports.filter((s) => /onnxruntime|@huggingface/.test(s))).toEqual([]);
    const encoder = await import('./encoder/index');
    expect(typeof encoder.createEncoder).toBe('function');
    expect(typeof encoder.runEncoderBench).toBe('function');
  });
});
