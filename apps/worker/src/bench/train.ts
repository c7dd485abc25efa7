import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from '@lede/db';
import { createInitialState, createRng, createTrainer, fillBatch, readGraphFiles, shuffledOrder, type TrainingExample } from '@lede/ranking/training';

export interface TrainBenchOptions {
  examples: number;
  threads: number;
  /** Epochs timed per engine, alternating; the fastest counts (the machine may be shared). */
  repeats: number;
  /** Python with torch; default: the recipes' virtual environments, if present. */
  python?: string;
}

interface TorchResult {
  seconds: number;
  steps: number;
  loss: number;
}

const pythonCandidates = ['models/recipes/training/.venv/bin/python', 'models/recipes/distill/.venv/bin/python'];

/**
 * One epoch of the user model on onnxruntime-node and on PyTorch CPU over the same examples in the same
 * order: synthetic readers (histories of 1–50 clicks, a click and 4 negatives) over a pool of article vectors.
 */
export async function runTrainBench(opts: TrainBenchOptions) {
  const { spec } = readGraphFiles();
  const { history: L, maxCandidates: C, dims: D } = spec;
  const rng = createRng(7);
  const V = 5000;
  const vectors = new Float32Array(V * D);
  for (let i = 0; i < V; i++) {
    let n = 0;
    for (let d = 0; d < D; d++) n += (vectors[i * D + d] = rng() - 0.5) ** 2;
    for (let d = 0; d < D; d++) vectors[i * D + d]! /= Math.sqrt(n);
  }
  const row = (i: number) => vectors.subarray(i * D, (i + 1) * D);
  const hist = new Int32Array(opts.examples * L).fill(-1);
  const cands = new Int32Array(opts.examples * C).fill(-1);
  const examples: TrainingExample[] = [];
  for (let e = 0; e < opts.examples; e++) {
    const h = Array.from({ length: 1 + Math.floor(rng() * L) }, () => Math.floor(rng() * V));
    const c = Array.from({ length: 5 }, () => Math.floor(rng() * V));
    hist.set(h, e * L);
    cands.set(c, e * C);
    examples.push({ history: h.map(row), clicked: row(c[0]!), negatives: c.slice(1).map(row) });
  }
  const order = shuffledOrder(opts.examples, 1);

  const python = opts.python ?? pythonCandidates.map((p) => path.join(repoRoot, p)).find((p) => fs.existsSync(p));
  if (!python) console.error('PyTorch not found (models/recipes/*/.venv): ORT figures only');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-bench-train-'));
  fs.writeFileSync(path.join(dir, 'vectors.f32'), vectors);
  fs.writeFileSync(path.join(dir, 'hist.i32'), hist);
  fs.writeFileSync(path.join(dir, 'cands.i32'), cands);
  fs.writeFileSync(path.join(dir, 'order.i32'), Int32Array.from(order));

  const trainer = await createTrainer({ seed: 1, threads: opts.threads });
  const initial = createInitialState(spec, 1);
  const ortEpoch = async () => {
    trainer.setState(initial);
    const started = performance.now();
    let loss = 0;
    for (let b = 0; b < order.length; b += spec.batch) {
      loss = (await trainer.step(fillBatch(spec, order.slice(b, b + spec.batch).map((i) => examples[i]!)), 1e-3, 0.01)).loss;
    }
    return { seconds: (performance.now() - started) / 1000, loss };
  };
  const torchEpoch = (): TorchResult | null => {
    if (!python) return null;
    const res = spawnSync(python, [path.join(repoRoot, 'models/recipes/training/bench_torch.py'), dir, String(opts.threads)], { encoding: 'utf8' });
    if (res.status === 0) return JSON.parse(res.stdout.trim().split('\n').pop()!) as TorchResult;
    console.error(`PyTorch bench failed: ${res.stderr.slice(-500)}`);
    return null;
  };
  const ortRuns: { seconds: number; loss: number }[] = [];
  const torchRuns: TorchResult[] = [];
  try {
    for (let r = 0; r < opts.repeats; r++) {
      ortRuns.push(await ortEpoch());
      const t = torchEpoch();
      if (t) torchRuns.push(t);
      console.error(`epoch ${r + 1}: onnxruntime-node ${ortRuns[r]!.seconds.toFixed(2)} s, PyTorch ${t ? t.seconds.toFixed(2) : '–'} s`);
    }
  } finally {
    await trainer.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const ortSeconds = Math.min(...ortRuns.map((r) => r.seconds));
  const torch = torchRuns.length ? torchRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a)) : null;
  const loss = ortRuns[0]!.loss;
  const round = (x: number) => Number(x.toFixed(3));
  return {
    examples: opts.examples,
    steps: Math.ceil(opts.examples / spec.batch),
    threads: opts.threads,
    repeats: opts.repeats,
    ort_loss: round(loss),
    torch_loss: torch ? round(torch.loss) : null,
    ort_seconds: round(ortSeconds),
    torch_seconds: torch ? round(torch.seconds) : null,
    ratio: torch ? round(ortSeconds / torch.seconds) : null,
  };
}
