// Gradient check of the pieces this recipe adds to TF.js autograd: the custom-gradient matmul `mm` (against
// TF.js's own matMul gradient) and the whole top layer (against central finite differences, fp32, on a few
// random coordinates of every weight). Usage: node models/recipes/plm-nr/grad-check.mjs
import { TopLayer, initTf, loadGraph, mm, readTopLayer } from './lib.mjs';

const tf = await initTf();
let worst = 0;
for (const [sa, sb] of [[[5, 7], [7, 3]], [[2, 3, 4, 6], [2, 3, 6, 5]]]) {
  const a = tf.randomNormal(sa, 0, 1, 'float32', 1), b = tf.randomNormal(sb, 0, 1, 'float32', 2);
  const w = tf.randomNormal([...sa.slice(0, -1), sb.at(-1)], 0, 1, 'float32', 3);
  const [ga, gb] = tf.grads((x, y) => tf.sum(tf.mul(mm(x, y), w)))([a, b]);
  const [ra, rb] = tf.grads((x, y) => tf.sum(tf.mul(tf.matMul(x, y), w)))([a, b]);
  const err = Math.max(tf.max(tf.abs(tf.sub(ga, ra))).dataSync()[0], tf.max(tf.abs(tf.sub(gb, rb))).dataSync()[0]);
  console.log(`mm ${sa.join('x')} · ${sb.join('x')}: max |custom − tf.matMul| gradient ${err.toExponential(2)}`);
  worst = Math.max(worst, err);
}
if (worst > 1e-4) throw new Error('mm gradient mismatch');

// whole top layer: loss = Σ r · forward(x); analytic gradient vs (L(w + h) − L(w − h)) / 2h
const top = new TopLayer(readTopLayer(loadGraph()));
const B = 3, S = 6;
const x = tf.randomNormal([B, S, 512], 0, 1, 'float32', 4);
const maskF = new Float32Array(B * S).fill(1);
maskF.fill(0, S + 4, 2 * S); // second text: 4 tokens, padded
const r = tf.randomNormal([B, 512], 0, 1, 'float32', 5);
const loss = () => tf.sum(tf.mul(top.forward(x, maskF, [B, S]), r));
const { grads } = tf.variableGrads(loss);
let rel = 0;
const h = 1e-2;
for (const [name, v] of Object.entries(top.vars)) {
  const g = grads[name].dataSync();
  const data = v.dataSync().slice();
  // the coordinates with the largest gradients (finite differences of tiny ones are fp32 noise)
  const idx = [...g.keys()].sort((i, j) => Math.abs(g[j]) - Math.abs(g[i])).slice(0, 3);
  for (const i of idx) {
    const at = (d) => { const c = data.slice(); c[i] += d; v.assign(tf.tensor(c, v.shape)); return tf.tidy(() => loss().dataSync()[0]); };
    const num = (at(h) - at(-h)) / (2 * h);
    v.assign(tf.tensor(data, v.shape));
    const e = Math.abs(num - g[i]) / Math.max(0.05, Math.abs(num) + Math.abs(g[i])); // bk: exactly 0 (softmax ignores a key bias), numeric fp32 noise;
    rel = Math.max(rel, e);
  }
  console.log(`${name.padEnd(4)} analytic ${g[idx[0]].toFixed(5)} numeric-checked, worst relative error so far ${rel.toExponential(2)}`);
}
if (rel > 2e-2) throw new Error(`top-layer gradient check failed: relative error ${rel}`);
console.log(`ok: worst relative error ${rel.toExponential(2)} (central differences, h = ${h}, fp32)`);
