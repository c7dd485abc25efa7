// Table of a run-suite.sh output folder: dev AUC / nDCG@10 of the product ranking with untuned vs fine-tuned
// vectors, plus the fine-tuning's held-out (train-slice) check and cost. Usage: node summarize.mjs OUT [OUT...]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const here = path.dirname(new URL(import.meta.url).pathname);
// paired bootstrap 95% interval of the AUC difference (paired.mjs) from the eval's prediction files
function ci(logDir, dir, v) {
  const a = path.join(dir, 'pred-untuned.txt'), b = path.join(dir, `pred-${v}.txt`);
  if (!logDir || !fs.existsSync(a) || !fs.existsSync(b)) return '';
  const r = JSON.parse(execFileSync('node', [path.join(here, 'paired.mjs'), path.join(logDir, 'dev/behaviors.tsv'), a, b], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1));
  return ` [${r.auc.ci95.map((x) => x.toFixed(3)).join(', ')}]`;
}

const rows = [];
for (const out of process.argv.slice(2)) {
  for (const log of fs.readdirSync(out).sort()) {
    const dir = path.join(out, log);
    const read = (f) => { try { return fs.readFileSync(path.join(dir, f), 'utf8').trim(); } catch { return ''; } };
    const u = read('eval-untuned.json'), t = read('eval-tuned.json'), la = read('eval-last.json'), l = read('log.json');
    if (!u && !l) continue;
    const [, regime, seed] = log.match(/^(.*)-s(\d+)$/) ?? [null, log, '?'];
    rows.push({ dir, regime, seed, u: u ? JSON.parse(u) : null, t: t ? JSON.parse(t) : null, la: la ? JSON.parse(la) : null, l: l ? JSON.parse(l) : null });
  }
}
const f = (x) => (x == null ? '–' : x.toFixed(4));
const d = (a, b) => (a == null || b == null ? '–' : (b - a >= 0 ? '+' : '') + (b - a).toFixed(4));
console.log('| regime | seed | dev impr. | AUC untuned | AUC tuned (early-stopped) | Δ AUC [95% CI] | nDCG@10 untuned | nDCG@10 tuned | Δ nDCG@10 | AUC last ckpt (Δ [95% CI]) | nDCG@10 last ckpt (Δ) | held-out AUC: checks (step) | clicks trained (of) | train s |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { dir, regime, seed, u, t, la, l } of rows) {
  const tr = l?.timings?.train;
  const checks = l?.checks?.map((c) => `${f(c.auc)} (${c.step})${c.step === l.best?.step ? '*' : ''}`).join(', ');
  console.log(`| ${regime} | ${seed} | ${u?.impressions ?? '–'} | ${f(u?.auc)} | ${f(t?.auc)} | ${d(u?.auc, t?.auc)}${t && t.auc !== u?.auc ? ci(l?.logDir, dir, fs.existsSync(path.join(dir, 'pred-tuned.txt')) ? 'tuned' : 'last') : ''} | ${f(u?.ndcg10)} | ${f(t?.ndcg10)} | ${d(u?.ndcg10, t?.ndcg10)} | ${f(la?.auc)} (${d(u?.auc, la?.auc)}${la ? ci(l?.logDir, dir, 'last') : ''}) | ${f(la?.ndcg10)} (${d(u?.ndcg10, la?.ndcg10)}) | ${checks ?? '–'} | ${tr ? `${tr.clicks} (${tr.samples})` : '–'} | ${tr ? tr.s.toFixed(0) : '–'} |`);
}
const both = rows.filter((r) => r.u && r.t);
if (both.length) {
  const deltas = both.map((r) => r.t.auc - r.u.auc);
  const dl = both.filter((r) => r.la).map((r) => r.la.auc - r.u.auc);
  if (dl.length) console.log(`\nLast checkpoint: Δ AUC min ${Math.min(...dl).toFixed(4)}, mean ${(dl.reduce((a, b) => a + b, 0) / dl.length).toFixed(4)}; ≥ +0.005 in ${dl.filter((x) => x >= 0.005).length} of ${dl.length}`);
  console.log(`Early-stopped, ${both.length} logs: Δ AUC min ${Math.min(...deltas).toFixed(4)}, mean ${(deltas.reduce((a, b) => a + b, 0) / deltas.length).toFixed(4)}; ≥ +0.005 in ${deltas.filter((x) => x >= 0.005).length} of ${both.length}`);
}
