import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@lede/db';
import { readEncoderConfig } from '@lede/domain/encoders';
import { runEncoderBench, type EncoderDevice, type EncoderDtype } from '@lede/ranking/encoder';

import { readProcessEnv } from '../env';

/** Titles from the demo corpus: real text lengths, as the encoder sees them in production. */
function demoTitles(n: number): string[] {
  const file = path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl');
  const titles: string[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (titles.length >= n) break;
    if (line.trim()) titles.push((JSON.parse(line) as { title: string }).title);
  }
  return titles;
}

export async function runEncoderCli(opts: {
  model?: string;
  batchSize: number;
  threads?: number;
  titles?: number;
  device?: EncoderDevice;
  dtype?: EncoderDtype;
}) {
  const config = readEncoderConfig(opts.model ? { ...readProcessEnv(), LEDE_ENCODER: opts.model } : readProcessEnv());
  if (!config) throw new Error('No encoder installed: models/manifest.json has no usable default (see models/README.md)');
  return runEncoderBench({
    modelsDir: config.modelsDir,
    model: config.model,
    dtype: opts.dtype ?? config.dtype,
    device: opts.device ?? 'cpu',
    batchSize: opts.batchSize,
    threads: opts.threads ?? 1,
    titles: demoTitles(opts.titles ?? 2000),
  });
}
