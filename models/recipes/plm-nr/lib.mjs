// Shared pieces of the PLM-NR recipe: the shipped encoder split at its top layer.
//   lower(texts)  → layer-0 output per token (ONNX Runtime, the shipped fp16 graph with that tensor as output)
//   TopLayer      → layer 1 + the folded projection + mean pooling + L2 norm, in TensorFlow.js (wasm backend),
//                   trainable; its weights are read from the fp16 ONNX file and can be written back into it
//   embedAll(…)   → every article's vector through ONNX Runtime with the (possibly fine-tuned) top layer
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs'; // the union bundle registers the gradients (tfjs-core's node bundle does not)
import '@tensorflow/tfjs-backend-wasm';
import { AutoTokenizer, env } from '@huggingface/transformers';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
const { onnx } = require(path.join(repoRoot, 'node_modules/onnxruntime-web/lib/onnxjs/ort-schema/protobuf/onnx.js'));

export const MODEL_DIR = path.join(repoRoot, 'models/lede-news-bert');
export const FP16_FILE = path.join(MODEL_DIR, 'onnx/model_fp16.onnx');
export const MAX_LENGTH = 128; // manifest maxLength
const LOWER_OUT = '/bert/encoder/layer.0/output/LayerNorm/LayerNormalization_output_0';
const EPS = 1e-6;
const HEADS = 4;
const HEAD = 128;
const MASK_VALUE = -65504; // the graph adds fp16 min to masked keys

// ---- fp16 <-> fp32 -------------------------------------------------------------------------------------
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export function halfToFloat(h) {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}
export function floatToHalf(x) {
  f32[0] = x;
  const b = u32[0];
  const sign = (b >>> 16) & 0x8000;
  const e = ((b >>> 23) & 0xff) - 127 + 15;
  let m = b & 0x7fffff;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    m |= 0x800000;
    const shift = 14 - e;
    let hm = m >> shift;
    if ((m >> (shift - 1)) & 1 && ((m & ((1 << (shift - 1)) - 1)) || hm & 1)) hm++;
    return sign | hm;
  }
  let h = sign | (e << 10) | (m >> 13);
  if (m & 0x1000 && (m & 0xfff || h & 1)) h++; // round half to even (carry into the exponent is fine)
  return h;
}
export function halvesToFloats(u16) {
  const out = new Float32Array(u16.length);
  for (let i = 0; i < u16.length; i++) out[i] = halfToFloat(u16[i]);
  return out;
}

// ---- the ONNX graph ------------------------------------------------------------------------------------
export function loadGraph(file = FP16_FILE) {
  return onnx.ModelProto.decode(fs.readFileSync(file));
}

/** Top-layer parameter name → initializer name in the fp16 graph (the MatMul weights are anonymous there). */
export function topLayerNames(model) {
  const g = model.graph;
  const matmulWeight = (nodeName) => g.node.find((n) => n.name === nodeName).input[1];
  const L = '/bert/encoder/layer.1';
  return {
    Wq: matmulWeight(`${L}/attention/self/query/MatMul`), bq: 'bert.encoder.layer.1.attention.self.query.bias',
    Wk: matmulWeight(`${L}/attention/self/key/MatMul`), bk: 'bert.encoder.layer.1.attention.self.key.bias',
    Wv: matmulWeight(`${L}/attention/self/value/MatMul`), bv: 'bert.encoder.layer.1.attention.self.value.bias',
    Wo: matmulWeight(`${L}/attention/output/dense/MatMul`), bo: 'bert.encoder.layer.1.attention.output.dense.bias',
    g1: 'bert.encoder.layer.1.attention.output.LayerNorm.weight', b1n: 'bert.encoder.layer.1.attention.output.LayerNorm.bias',
    W1: matmulWeight(`${L}/intermediate/dense/MatMul`), b1: 'bert.encoder.layer.1.intermediate.dense.bias',
    W2: matmulWeight(`${L}/output/dense/MatMul`), b2: 'bert.encoder.layer.1.output.dense.bias',
    g2: 'bert.encoder.layer.1.output.LayerNorm.weight', b2n: 'bert.encoder.layer.1.output.LayerNorm.bias',
    Wp: matmulWeight('/proj/MatMul'), bp: 'proj.bias',
  };
}

/** The top layer's weights as fp32 { name: { data, shape } } (ONNX MatMul weights are [in, out]). */
export function readTopLayer(model) {
  const names = topLayerNames(model);
  const inits = new Map(model.graph.initializer.map((t) => [t.name, t]));
  const out = {};
  for (const [k, name] of Object.entries(names)) {
    const t = inits.get(name);
    if (!t || t.dataType !== 10) throw new Error(`${name}: expected an fp16 initializer`);
    const raw = t.rawData;
    const u16 = new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    out[k] = { data: halvesToFloats(u16), shape: t.dims.map(Number) };
  }
  return out;
}

/** A copy of the fp16 graph whose top-layer initializers hold `weights` (fp32 arrays, rounded to fp16). */
export function withTopLayer(model, weights) {
  const copy = onnx.ModelProto.decode(onnx.ModelProto.encode(model).finish());
  const names = topLayerNames(copy);
  const inits = new Map(copy.graph.initializer.map((t) => [t.name, t]));
  for (const [k, name] of Object.entries(names)) {
    const src = weights[k];
    const u16 = new Uint16Array(src.length);
    for (let i = 0; i < src.length; i++) u16[i] = floatToHalf(src[i]);
    inits.get(name).rawData = new Uint8Array(u16.buffer);
  }
  return copy;
}

/** A copy of the graph whose only output is the layer-0 output (fp16, [batch, seq, 512]). */
export function lowerGraph(model) {
  const copy = onnx.ModelProto.decode(onnx.ModelProto.encode(model).finish());
  const vi = onnx.ValueInfoProto.create({
    name: LOWER_OUT,
    type: { tensorType: { elemType: 10, shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: 512 }] } } },
  });
  copy.graph.output = [vi];
  return copy;
}

export async function session(model, threads = 1) {
  const bytes = onnx.ModelProto.encode(model).finish();
  return ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, executionProviders: ['cpu'] });
}

// ---- tokenizer -----------------------------------------------------------------------------------------
export async function loadTokenizer() {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.localModelPath = path.join(repoRoot, 'models') + '/';
  const tok = await AutoTokenizer.from_pretrained('lede-news-bert', { local_files_only: true });
  return (texts) => {
    const b = tok(texts, { padding: true, truncation: true, max_length: MAX_LENGTH });
    const dims = b.input_ids.dims;
    return {
      dims,
      ids: new ort.Tensor('int64', b.input_ids.data, dims),
      mask: new ort.Tensor('int64', b.attention_mask.data, dims),
      maskF: Float32Array.from(b.attention_mask.data, Number),
    };
  };
}

const asFloats = (t) => (t.type === 'float16' ? (t.data instanceof Uint16Array ? halvesToFloats(t.data) : Float32Array.from(t.data)) : t.data);

/** Runs a session over texts in batches; returns per batch { hidden Float32Array [B*S*512], dims, maskF }. */
export async function* runBatches(sess, tokenize, texts, batchSize = 32) {
  const outName = sess.outputNames[0];
  for (let i = 0; i < texts.length; i += batchSize) {
    const b = tokenize(texts.slice(i, i + batchSize));
    const r = await sess.run({ input_ids: b.ids, attention_mask: b.mask });
    yield { start: i, hidden: asFloats(r[outName]), dims: b.dims, maskF: b.maskF };
  }
}

/** Mean pooling over the mask + L2 normalisation, as the product's poolAndNormalize. */
export function poolNormalize(hidden, [B, S], maskF, D = 512) {
  const out = [];
  for (let b = 0; b < B; b++) {
    const v = new Float32Array(D);
    let n = 0;
    for (let s = 0; s < S; s++) {
      if (!maskF[b * S + s]) continue;
      n++;
      const o = (b * S + s) * D;
      for (let d = 0; d < D; d++) v[d] += hidden[o + d];
    }
    let norm = 0;
    for (let d = 0; d < D; d++) norm += (v[d] /= n) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d++) v[d] /= norm;
    out.push(v);
  }
  return out;
}

/** Unit vectors of `texts` through a full-graph session (original or with a fine-tuned top layer). */
export async function embedAll(sess, tokenize, texts, batchSize = 32) {
  const out = new Array(texts.length);
  // sort by length so that padding stays small; the result is in the input order
  const order = texts.map((t, i) => i).sort((a, b) => texts[a].length - texts[b].length);
  const sorted = order.map((i) => texts[i]);
  for await (const { start, hidden, dims, maskF } of runBatches(sess, tokenize, sorted, batchSize)) {
    poolNormalize(hidden, dims, maskF).forEach((v, j) => (out[order[start + j]] = v));
  }
  return out;
}

// ---- the top layer in TensorFlow.js --------------------------------------------------------------------
export async function initTf() {
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}

/** Swaps the last two axes. */
const tr = (t) => (t.rank === 2 ? tf.transpose(t) : tf.transpose(t, [...Array(t.rank - 2).keys(), t.rank - 1, t.rank - 2]));

/**
 * a @ b whose gradients use only untransposed products: the wasm backend's matMul with transposeA/transposeB
 * set is 15–25× slower than an explicit transpose followed by a plain matMul (measured: 1.1–2.0 s vs 84 ms
 * for [768,512]·[512,1536]), and TF.js's own matMul gradient uses those flags.
 */
export const mm = tf.customGrad((a, b, save) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy, [sa, sb]) => [tf.matMul(dy, tr(sb)), tf.matMul(tr(sa), dy)],
  };
});

export class TopLayer {
  /** weights: readTopLayer(...) output; trainable: tf.Variable per weight */
  constructor(weights) {
    this.vars = {};
    for (const [k, { data, shape }] of Object.entries(weights)) this.vars[k] = tf.variable(tf.tensor(data, shape), true, k);
  }

  static layerNorm(x, g, b) {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPS))), g), b);
  }

  /**
   * x: layer-0 output [B, S, 512] (tensor), maskF: Float32Array [B*S] → unit vectors [B, 512].
   * The projection is applied after pooling (mean pooling commutes with an affine map).
   */
  forward(x, maskF, [B, S]) {
    const v = this.vars;
    const D = 512;
    const x2 = tf.reshape(x, [B * S, D]);
    const heads = (t) => tf.transpose(tf.reshape(t, [B, S, HEADS, HEAD]), [0, 2, 1, 3]);
    const q = heads(tf.add(mm(x2, v.Wq), v.bq));
    const k = heads(tf.add(mm(x2, v.Wk), v.bk));
    const val = heads(tf.add(mm(x2, v.Wv), v.bv));
    const mask = tf.tensor(maskF, [B, 1, 1, S]);
    const addMask = tf.mul(tf.sub(1, mask), MASK_VALUE);
    const scores = tf.add(tf.mul(mm(q, tr(k)), 1 / Math.sqrt(HEAD)), addMask);
    const probs = tf.softmax(scores, -1);
    const ctx = tf.reshape(tf.transpose(mm(probs, val), [0, 2, 1, 3]), [B * S, D]);
    const h1 = TopLayer.layerNorm(tf.add(tf.add(mm(ctx, v.Wo), v.bo), x2), v.g1, v.b1n);
    const ff = tf.add(mm(tf.relu(tf.add(mm(h1, v.W1), v.b1)), v.W2), v.b2);
    const h2 = TopLayer.layerNorm(tf.add(ff, h1), v.g2, v.b2n);
    const m = tf.tensor(maskF, [B, S, 1]);
    const pooled = tf.div(tf.sum(tf.mul(tf.reshape(h2, [B, S, D]), m), 1), tf.sum(m, 1));
    const y = tf.add(mm(pooled, v.Wp), v.bp);
    return tf.div(y, tf.norm(y, 'euclidean', -1, true));
  }

  /** Current weights as { name: Float32Array } for withTopLayer. */
  snapshot() {
    const out = {};
    for (const [k, t] of Object.entries(this.vars)) out[k] = t.dataSync().slice();
    return out;
  }

  assign(weights) {
    for (const [k, t] of Object.entries(this.vars)) t.assign(tf.tensor(weights[k], t.shape));
  }
}

// ---- MIND logs -----------------------------------------------------------------------------------------
export function encodeText({ title, abstract }) {
  // packages/ranking/src/encoder/encode-text.ts
  const t = title.trim();
  const a = (abstract ?? '').trim();
  if (!a) return t;
  if (!t) return a;
  return `${t}. ${a}`;
}

export function readNews(file) {
  const out = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [id, , , title, abstract] = line.split('\t');
    out.set(id, encodeText({ title: title ?? '', abstract }));
  }
  return out;
}

export function readBehaviors(file) {
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const [impId, user, time, hist, imps] = line.split('\t');
    const history = hist ? hist.split(' ').filter(Boolean) : [];
    const cands = (imps ?? '').split(' ').filter(Boolean).map((s) => {
      const i = s.lastIndexOf('-');
      return { id: s.slice(0, i), label: Number(s.slice(i + 1)) };
    });
    out.push({ impId, user, time: new Date(time).getTime(), history, cands });
  }
  return out;
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
