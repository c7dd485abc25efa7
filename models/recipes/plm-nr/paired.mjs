// Paired comparison of two `npm run eval --out` prediction files on the same dev log: mean per-impression AUC
// and nDCG@10 of each, their difference and a 95% bootstrap interval over impressions (2,000 resamples).
// Usage: node paired.mjs DEV_BEHAVIORS_TSV PRED_A PRED_B
import fs from 'node:fs';
import { mulberry32, readBehaviors } from './lib.mjs';

const [beh, pa, pb] = process.argv.slice(2);
const labels = new Map(readBehaviors(beh).map((b) => [b.impId, b.cands.map((c) => c.label)]));
const readPred = (f) => new Map(fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => { const [id, r] = l.split(' '); return [id, JSON.parse(r)]; }));
const A = readPred(pa), B = readPred(pb);
function metrics(ranks, lab) {
  let pos = 0, neg = 0, ok = 0;
  for (let i = 0; i < lab.length; i++) for (let j = 0; j < lab.length; j++) if (lab[i] && !lab[j]) ok += ranks[i] < ranks[j] ? 1 : 0;
  for (const l of lab) l ? pos++ : neg++;
  let dcg = 0, idcg = 0;
  lab.forEach((l, i) => { if (l && ranks[i] <= 10) dcg += 1 / Math.log2(ranks[i] + 1); });
  for (let r = 1; r <= Math.min(10, pos); r++) idcg += 1 / Math.log2(r + 1);
  return { auc: ok / (pos * neg), ndcg10: dcg / idcg };
}
const rows = [];
for (const [id, lab] of labels) {
  if (!lab.some((l) => l) || lab.every((l) => l) || !A.has(id) || !B.has(id)) continue;
  rows.push({ a: metrics(A.get(id), lab), b: metrics(B.get(id), lab) });
}
const rng = mulberry32(7);
const out = { impressions: rows.length };
for (const k of ['auc', 'ndcg10']) {
  const mean = (rs, s) => rs.reduce((t, r) => t + r[s][k], 0) / rs.length;
  const boots = [];
  for (let i = 0; i < 2000; i++) {
    const rs = rows.map(() => rows[Math.floor(rng() * rows.length)]);
    boots.push(mean(rs, 'b') - mean(rs, 'a'));
  }
  boots.sort((x, y) => x - y);
  out[k] = { a: +mean(rows, 'a').toFixed(4), b: +mean(rows, 'b').toFixed(4), delta: +(mean(rows, 'b') - mean(rows, 'a')).toFixed(4), ci95: [+boots[49].toFixed(4), +boots[1949].toFixed(4)] };
}
console.log(JSON.stringify(out));
