// Step 1 check: the TF.js top layer on the ONNX layer-0 output reproduces the shipped encoder's vectors.
// Usage: node models/recipes/plm-nr/check-parity.mjs NEWS_TSV [N=300]
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { MODEL_DIR, TopLayer, embedAll, initTf, loadGraph, loadTokenizer, lowerGraph, readNews, readTopLayer, runBatches, session, withTopLayer } from './lib.mjs';

const [file, nArg] = process.argv.slice(2);
const N = Number(nArg ?? 300);
const texts = [...readNews(file).values()].slice(0, N);
const tf = await initTf();
const tokenize = await loadTokenizer();
const graph = loadGraph();
const weights = readTopLayer(graph);
const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
const stats = (xs) => `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(5)} min ${Math.min(...xs).toFixed(5)}`;

let t0 = performance.now();
const fp16 = await embedAll(await session(graph), tokenize, texts);
const tFp16 = performance.now() - t0;
const q8s = await ort.InferenceSession.create(path.join(MODEL_DIR, 'onnx/model_quantized.onnx'), { intraOpNumThreads: 1 });
t0 = performance.now();
const q8 = await embedAll(q8s, tokenize, texts);
const tQ8 = performance.now() - t0;
const rt = await embedAll(await session(withTopLayer(graph, Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v.data])))), tokenize, texts);

// TF.js top layer on the layer-0 output
const top = new TopLayer(weights);
const lower = await session(lowerGraph(graph));
const mine = [];
let tLower = 0, tTop = 0, tokens = 0;
t0 = performance.now();
for await (const { hidden, dims, maskF } of runBatches(lower, tokenize, texts, 16)) {
  const t1 = performance.now();
  tLower += t1 - t0;
  const y = tf.tidy(() => top.forward(tf.tensor(hidden, [...dims, 512]), maskF, dims));
  const d = y.dataSync();
  y.dispose();
  for (let b = 0; b < dims[0]; b++) mine.push(d.slice(b * 512, (b + 1) * 512));
  tokens += maskF.reduce((a, b) => a + b, 0);
  t0 = performance.now();
  tTop += t0 - t1;
}
console.log(`${texts.length} texts, ${tokens} tokens (${(tokens / texts.length).toFixed(1)} per text)`);
console.log('cosine TF.js top layer vs ONNX fp16 :', stats(mine.map((v, i) => dot(v, fp16[i]))));
console.log('cosine TF.js top layer vs ONNX q8   :', stats(mine.map((v, i) => dot(v, q8[i]))));
console.log('cosine ONNX fp16 vs q8 (reference)  :', stats(fp16.map((v, i) => dot(v, q8[i]))));
console.log('cosine fp16 graph with weights written back vs fp16:', stats(rt.map((v, i) => dot(v, fp16[i]))));
console.log(`time: ORT fp16 full ${(tFp16 / N).toFixed(2)} ms/text, ORT q8 full ${(tQ8 / N).toFixed(2)} ms/text, ORT layer 0 ${(tLower / N).toFixed(2)} ms/text, TF.js top layer forward ${(tTop / N).toFixed(2)} ms/text`);

// forward + backward speed of the top layer
const batch = texts.slice(0, 32);
let tGrad = 0, gTokens = 0;
for await (const { hidden, dims, maskF } of runBatches(lower, tokenize, batch, 16)) {
  const x = tf.tensor(hidden, [...dims, 512]);
  const t1 = performance.now();
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(top.forward(x, maskF, dims), tf.randomNormal([dims[0], 512], 0, 1, 'float32', 1))));
  await value.data();
  for (const g of Object.values(grads)) g.dataSync();
  tf.dispose([value, x, ...Object.values(grads)]);
  tGrad += performance.now() - t1;
  gTokens += maskF.reduce((a, b) => a + b, 0);
}
console.log(`TF.js top layer forward+backward: ${(tGrad / batch.length).toFixed(1)} ms/text (${((tGrad / gTokens)).toFixed(2)} ms/token), backend ${tf.getBackend()}`);
