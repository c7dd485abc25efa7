// Student embeddings through the product path: transformers.js feature-extraction,
// mean pooling + L2 normalisation, local models only.
// Usage (resolve @huggingface/transformers from the repo root's node_modules):
//   node models/recipes/distill/embed-student.mjs <modelsDir> <modelName> <dtype> <in.jsonl> <out.f32> [batch=32]
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, env } from '@huggingface/transformers';

const [modelsDir, name, dtype, inp, outp, bs = '32'] = process.argv.slice(2);
env.allowRemoteModels = false;
env.localModelPath = path.resolve(modelsDir) + '/';
const extract = await pipeline('feature-extraction', name, { dtype });
const texts = fs.readFileSync(inp, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
const B = parseInt(bs, 10);
const out = new Float32Array(texts.length * 512);
const t0 = performance.now();
for (let i = 0; i < texts.length; i += B) {
  const t = await extract(texts.slice(i, i + B), { pooling: 'mean', normalize: true });
  out.set(t.data, i * 512);
}
fs.writeFileSync(outp, Buffer.from(out.buffer));
console.error(`${name} ${dtype}: ${texts.length} texts in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
