/**
 * The GPU machine's one script (bundled by scripts/gpu-pack.mjs, run by scripts/gpu-run.sh): Lede's own encoder
 * path on each GPU device against the same machine's CPU. Prints one JSON line per figure and writes them all
 * to `--out`. Plain Node, no test runner: the GPU machine gets a carried Node binary and nothing else.
 *   node gpu-check.mjs --models DIR --corpus FILE --devices webgpu,cuda [--out FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { createEncoder, encoderDevices, type Encoder, type EncoderDevice } from '../encoder/create-encoder';
import { type EncoderDtype } from '../encoder/manifest';
import { computeCosine } from '../vector-math';
import { runEncoderBench } from './encoder-bench';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'models' },
    corpus: { type: 'string', default: 'data/demo/huffpost-news-13k.jsonl' },
    devices: { type: 'string', default: 'webgpu,cuda' },
    parity: { type: 'string', default: '2000' },
    /** Articles to re-embed (default: the whole corpus). */
    articles: { type: 'string' },
    out: { type: 'string' },
  },
});
const modelsDir = values.models;
const results: unknown[] = [];
const report = (row: Record<string, unknown>) => {
  results.push(row);
  console.log(JSON.stringify(row));
};

/** Demo articles as the worker embeds them: title and description. */
function readCorpus(file: string): { titles: string[]; articles: string[] } {
  const titles: string[] = [];
  const articles: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { title: string; description?: string };
    titles.push(row.title);
    articles.push(`${row.title}. ${row.description ?? ''}`);
  }
  return { titles, articles };
}

async function checkParity(device: EncoderDevice, model: string, dtype: EncoderDtype, texts: string[]) {
  const cpu = await createEncoder({ modelsDir, model, dtype, device: 'cpu' });
  const gpu = await createEncoder({ modelsDir, model, dtype, device });
  try {
    const [expected, actual] = [await cpu.encode(texts), await gpu.encode(texts)];
    const cosines = expected.map((v, i) => computeCosine(v, actual[i]!) ?? 0);
    const min = Math.min(...cosines);
    report({ check: 'parity', requested: device, device: gpu.info.device, model, dtype, texts: texts.length, min_cosine: min, mean_cosine: cosines.reduce((a, b) => a + b, 0) / cosines.length, pass: min >= 0.999 });
  } finally {
    await Promise.all([cpu.dispose(), gpu.dispose()]);
  }
}

/** Re-embedding the whole corpus end to end, as `embed-articles` does (batches of 256 here). */
async function timeReembed(encoder: Encoder, articles: string[]) {
  const start = performance.now();
  await encoder.encode(articles);
  const seconds = (performance.now() - start) / 1000;
  report({ check: 'reembed', device: encoder.info.device, dtype: encoder.info.dtype, articles: articles.length, seconds, articles_per_s: articles.length / seconds });
}

async function main() {
  const corpus = readCorpus(values.corpus);
  const titles = corpus.titles;
  const articles = values.articles ? corpus.articles.slice(0, Number(values.articles)) : corpus.articles;
  const devices = values.devices.split(',').map((d) => {
    if (!(encoderDevices as readonly string[]).includes(d)) throw new Error(`unknown device ${d}`);
    return d as EncoderDevice;
  });
  const sample = articles.slice(0, Number(values.parity));
  for (const device of devices) {
    for (const [model, dtype] of [['test-tiny-bert', 'fp32'], ['lede-news-bert', 'fp16']] as const) {
      await checkParity(device, model, dtype, sample).catch((e: unknown) => report({ check: 'parity', requested: device, model, dtype, error: String(e) }));
    }
    for (const dtype of ['fp16', 'q8'] as const) {
      for (const batchSize of [32, 256]) {
        await runEncoderBench({ modelsDir, model: 'lede-news-bert', dtype, device, batchSize, threads: 0, titles: titles.slice(0, articles.length < 4096 ? articles.length : 4096), rounds: 2 })
          .then((r) => report({ check: 'bench', requested: device, ...r }))
          .catch((e: unknown) => report({ check: 'bench', requested: device, dtype, batch: batchSize, error: String(e) }));
      }
    }
    for (const d of [device, 'cpu'] as const) {
      const encoder = await createEncoder({ modelsDir, model: 'lede-news-bert', dtype: 'fp16', device: d, batchSize: 256 });
      await timeReembed(encoder, articles).finally(() => encoder.dispose());
    }
  }
  if (values.out) writeFileSync(values.out, JSON.stringify(results, null, 1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
