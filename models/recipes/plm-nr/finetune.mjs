// PLM-NR fine-tuning of the encoder's top layer on one MIND-format log's train clicks.
// Usage: node models/recipes/plm-nr/finetune.mjs LOG_DIR OUT_DIR [--budget-s 120] [--lr 1e-4] [--k 4]
//          [--batch 8] [--checks 3] [--val-frac 0.1] [--val-max 100] [--seed 1]
// Writes OUT_DIR/untuned.jsonl (shipped fp16 encoder through the same code), OUT_DIR/tuned.jsonl (the best
// checkpoint on the held-out train slice, step 0 = untuned included: early stopping), OUT_DIR/last.jsonl (the
// last checkpoint) for every article of train ∪ dev news.tsv, and OUT_DIR/log.json.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  TopLayer, embedAll, initTf, loadGraph, loadTokenizer, lowerGraph, mulberry32, readBehaviors, readNews, readTopLayer,
  runBatches, session, withTopLayer,
} from './lib.mjs';

const { positionals, values: o } = parseArgs({
  allowPositionals: true,
  options: {
    'budget-s': { type: 'string', default: '120' }, lr: { type: 'string', default: '1e-4' }, k: { type: 'string', default: '4' },
    batch: { type: 'string', default: '8' }, checks: { type: 'string', default: '3' }, 'val-frac': { type: 'string', default: '0.1' },
    'val-max': { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, cache: { type: 'string', default: '/tmp/plmnr/untuned-cache.jsonl' },
  },
});
const [logDir, outDir] = positionals;
if (!logDir || !outDir) throw new Error('usage: finetune.mjs LOG_DIR OUT_DIR [options]');
const BUDGET = Number(o['budget-s']) * 1000, LR = Number(o.lr), K = Number(o.k), BATCH = Number(o.batch), CHECKS = Number(o.checks);
fs.mkdirSync(outDir, { recursive: true });
const T0 = performance.now();
const el = () => ((performance.now() - T0) / 1000).toFixed(0) + 's';
const log = { logDir, options: o, checks: [], timings: {} };

const tf = await initTf();
const tokenize = await loadTokenizer();
const graph = loadGraph();
const weights0 = readTopLayer(graph);
const top = new TopLayer(weights0);
const lower = await session(lowerGraph(graph));
const rng = mulberry32(Number(o.seed));

// ---- data ----------------------------------------------------------------------------------------------
const news = new Map([...readNews(path.join(logDir, 'train/news.tsv')), ...readNews(path.join(logDir, 'dev/news.tsv'))]);
const ids = [...news.keys()];
const behaviors = readBehaviors(path.join(logDir, 'train/behaviors.tsv')).sort((a, b) => a.time - b.time);
const nVal = Math.min(Number(o['val-max']), Math.round(behaviors.length * Number(o['val-frac'])));
const fit = behaviors.slice(0, behaviors.length - Math.round(behaviors.length * Number(o['val-frac'])));
const val = behaviors.slice(behaviors.length - nVal).filter((b) => b.history.length && b.cands.some((c) => c.label) && b.cands.some((c) => !c.label));

// untuned vectors of every article (cached by text across logs: the shipped encoder does not change)
const hash = (t) => crypto.createHash('sha1').update(t).digest('hex');
const cache = new Map();
if (fs.existsSync(o.cache)) for (const l of fs.readFileSync(o.cache, 'utf8').split('\n')) if (l) { const r = JSON.parse(l); cache.set(r.h, Float32Array.from(r.v)); }
const todo = [...new Set(ids.map((id) => news.get(id)))].filter((t) => !cache.has(hash(t)));
let t1 = performance.now();
if (todo.length) {
  const full0 = await session(graph);
  const vs = await embedAll(full0, tokenize, todo);
  const lines = todo.map((t, i) => { cache.set(hash(t), vs[i]); return JSON.stringify({ h: hash(t), v: Array.from(vs[i], (x) => +x.toFixed(7)) }); });
  fs.appendFileSync(o.cache, lines.join('\n') + '\n');
}
log.timings.untunedEmbed = { texts: todo.length, s: (performance.now() - t1) / 1000 };
const untuned = new Map(ids.map((id) => [id, cache.get(hash(news.get(id)))]));
const writeVectors = (file, vecOf) => fs.writeFileSync(file, ids.map((id) => JSON.stringify({ id, vector: Array.from(vecOf(id), (x) => +x.toFixed(6)) })).join('\n') + '\n');
writeVectors(path.join(outDir, 'untuned.jsonl'), (id) => untuned.get(id));
console.log(`[${el()}] ${ids.length} articles, ${todo.length} embedded (untuned), fit ${fit.length} / val ${val.length} impressions`);

// user vector: mean of the reader's history vectors (untuned, no gradient), normalised
function userVector(history) {
  const u = new Float32Array(512);
  let n = 0;
  for (const id of history) { const v = untuned.get(id); if (!v) continue; n++; for (let d = 0; d < 512; d++) u[d] += v[d]; }
  if (!n) return null;
  const norm = Math.hypot(...u) || 1;
  return u.map((x) => x / norm);
}

// ---- held-out check: mean per-impression AUC and nDCG@10 of user·news with a given top layer -------------
function auc(scores, labels) {
  let pos = 0, neg = 0, ok = 0;
  for (let i = 0; i < scores.length; i++) for (let j = 0; j < scores.length; j++) if (labels[i] && !labels[j]) { ok += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0; }
  for (const l of labels) l ? pos++ : neg++;
  return ok / (pos * neg);
}
function ndcg10(scores, labels) {
  const order = scores.map((s, i) => i).sort((a, b) => scores[b] - scores[a]);
  let dcg = 0, idcg = 0;
  order.slice(0, 10).forEach((i, r) => (dcg += labels[i] / Math.log2(r + 2)));
  [...labels].sort((a, b) => b - a).slice(0, 10).forEach((l, r) => (idcg += l / Math.log2(r + 2)));
  return idcg ? dcg / idcg : 0;
}
const valIds = [...new Set(val.flatMap((b) => b.cands.map((c) => c.id)))];
async function check(step, w) {
  const t = performance.now();
  const vs = w ? await embedAll(await session(withTopLayer(graph, w)), tokenize, valIds.map((id) => news.get(id))) : valIds.map((id) => untuned.get(id));
  const vec = new Map(valIds.map((id, i) => [id, vs[i]]));
  let a = 0, n10 = 0;
  for (const b of val) {
    const u = userVector(b.history);
    const scores = b.cands.map((c) => vec.get(c.id).reduce((s, x, d) => s + x * u[d], 0));
    const labels = b.cands.map((c) => c.label);
    a += auc(scores, labels); n10 += ndcg10(scores, labels);
  }
  const r = { step, auc: a / val.length, ndcg10: n10 / val.length, s: (performance.now() - t) / 1000 };
  log.checks.push(r);
  console.log(`[${el()}] check step ${step}: val AUC ${r.auc.toFixed(4)} nDCG@10 ${r.ndcg10.toFixed(4)} (${r.s.toFixed(0)} s)`);
  return r;
}

// ---- training samples: each click of a fit impression with K sampled non-clicked candidates ---------------
const samples = [];
for (const b of fit) {
  const u = userVector(b.history);
  const negs = b.cands.filter((c) => !c.label).map((c) => c.id);
  if (!u || !negs.length) continue;
  for (const c of b.cands.filter((c) => c.label)) samples.push({ u, pos: c.id, negs });
}
for (let i = samples.length - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [samples[i], samples[j]] = [samples[j], samples[i]]; }
console.log(`[${el()}] ${samples.length} click samples; budget ${BUDGET / 1000} s, lr ${LR}, K ${K}, batch ${BATCH}`);

// layer-0 output per article, cached (the lower layer is frozen)
const lowerCache = new Map();
async function lowerOf(list) {
  const miss = [...new Set(list.filter((id) => !lowerCache.has(id)))];
  for await (const { start, hidden, dims, maskF } of runBatches(lower, tokenize, miss.map((id) => news.get(id)), 32)) {
    const [B, S] = dims;
    for (let b = 0; b < B; b++) {
      const n = maskF.subarray(b * S, (b + 1) * S).reduce((a, x) => a + x, 0); // padding is on the right
      lowerCache.set(miss[start + b], { h: hidden.slice(b * S * 512, (b * S + n) * 512), n });
    }
  }
  return list.map((id) => lowerCache.get(id));
}

const logScale = tf.variable(tf.scalar(Math.log(10)), true, 'logScale');
const opt = tf.train.adam(LR);
let best = await check(0, null);
let bestWeights = null;
const checkEvery = BUDGET / CHECKS;
let nextCheck = checkEvery, step = 0, seen = 0, lossSum = 0, lossN = 0, trainMs = 0;
const tTrain = performance.now();
for (let i = 0; i < samples.length && trainMs < BUDGET; i += BATCH) {
  const batch = samples.slice(i, i + BATCH);
  const list = [];
  for (const s of batch) {
    list.push(s.pos);
    for (let k = 0; k < K; k++) list.push(s.negs[Math.floor(rng() * s.negs.length)]);
  }
  const ts = performance.now();
  const low = await lowerOf(list);
  const S = Math.max(...low.map((l) => l.n));
  const x = new Float32Array(list.length * S * 512);
  const maskF = new Float32Array(list.length * S);
  low.forEach((l, b) => { x.set(l.h, b * S * 512); maskF.fill(1, b * S, b * S + l.n); });
  const U = tf.tensor(batch.flatMap((s) => Array.from(s.u)), [batch.length, 1, 512]);
  const xt = tf.tensor(x, [list.length, S, 512]);
  const loss = opt.minimize(() => {
    const n = tf.reshape(top.forward(xt, maskF, [list.length, S]), [batch.length, 1 + K, 512]);
    const logits = tf.mul(tf.sum(tf.mul(n, U), -1), tf.exp(logScale)); // [B, 1+K], the click first
    return tf.mean(tf.neg(tf.slice(tf.logSoftmax(logits, -1), [0, 0], [-1, 1]))); // the click's log-probability
  }, true);
  lossSum += (await loss.data())[0]; lossN++;
  tf.dispose([loss, U, xt]);
  step++; seen += batch.length;
  trainMs += performance.now() - ts;
  if (step % 10 === 0) console.log(`[${el()}] step ${step} (${seen} clicks) loss ${(lossSum / lossN).toFixed(4)} scale ${Math.exp(logScale.dataSync()[0]).toFixed(2)} ${(trainMs / seen).toFixed(0)} ms/click`);
  if (step % 10 === 0) { lossSum = 0; lossN = 0; }
  if (trainMs >= nextCheck || trainMs >= BUDGET || i + BATCH >= samples.length) {
    nextCheck += checkEvery;
    const w = top.snapshot();
    const r = await check(step, w);
    if (r.auc > best.auc) { best = r; bestWeights = w; }
  }
}
log.timings.train = { s: trainMs / 1000, steps: step, clicks: seen, samples: samples.length, msPerClick: trainMs / seen, wallS: (performance.now() - tTrain) / 1000 };
log.best = best;
console.log(`[${el()}] best check: step ${best.step} val AUC ${best.auc.toFixed(4)}`);

// ---- all articles: the best checkpoint (early stopping) and the last one --------------------------------
t1 = performance.now();
const lastWeights = top.snapshot();
const embedWith = async (w) => {
  const vs = await embedAll(await session(withTopLayer(graph, w)), tokenize, ids.map((id) => news.get(id)));
  return new Map(ids.map((id, i) => [id, vs[i]]));
};
const last = await embedWith(lastWeights);
writeVectors(path.join(outDir, 'last.jsonl'), (id) => last.get(id));
if (!bestWeights) fs.copyFileSync(path.join(outDir, 'untuned.jsonl'), path.join(outDir, 'tuned.jsonl')); // step 0 was best
else if (best.step === log.checks.at(-1).step) fs.copyFileSync(path.join(outDir, 'last.jsonl'), path.join(outDir, 'tuned.jsonl'));
else { const b = await embedWith(bestWeights); writeVectors(path.join(outDir, 'tuned.jsonl'), (id) => b.get(id)); }
log.timings.tunedEmbed = { texts: ids.length, s: (performance.now() - t1) / 1000 };
log.timings.totalS = (performance.now() - T0) / 1000;
fs.writeFileSync(path.join(outDir, 'log.json'), JSON.stringify(log, null, 2));
console.log(`[${el()}] wrote ${outDir}/untuned.jsonl, tuned.jsonl, log.json`);
