import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildExamples, fillBatch, type ClickImpression } from './batch';
import { decodeCheckpoint, encodeCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoint';
import { trainEpochs } from './loop';
import { createRng } from './params';
import { createInitialState, createTrainer, type Trainer } from './trainer';
import { TrainedUserModel } from './user-model';

const D = 512;

function unitVector(rng: () => number): Float32Array {
  const v = new Float32Array(D);
  let n = 0;
  for (let i = 0; i < D; i++) n += (v[i] = rng() - 0.5) ** 2;
  return v.map((x) => x / Math.sqrt(n));
}

/** Readers with a topic each: clicks near the topic, skips elsewhere — something a user model can learn. */
function makeImpressions(n: number, seed: number): ClickImpression[] {
  const rng = createRng(seed);
  const topics = Array.from({ length: 4 }, () => unitVector(rng));
  const near = (t: Float32Array) => {
    const noise = unitVector(rng);
    return t.map((x, i) => x + 0.5 * noise[i]!);
  };
  return Array.from({ length: n }, (_, i) => {
    const t = topics[i % topics.length]!;
    return {
      history: Array.from({ length: 3 + (i % 7) }, () => near(t)),
      clicked: [near(t)],
      skipped: Array.from({ length: 6 }, () => unitVector(rng)),
    };
  });
}

let trainer: Trainer;
beforeAll(async () => {
  trainer = await createTrainer({ seed: 7, threads: 1 });
});
afterAll(() => trainer.release());

describe('training-step graph', () => {
  it('gradients match finite differences of the loss', async () => {
    const examples = buildExamples(makeImpressions(12, 1), 4, 1);
    const batch = fillBatch(trainer.spec, examples);
    // Non-zero everywhere, so every path (adapter up-projection, attention output) carries gradient.
    const state = createInitialState(trainer.spec, 3);
    const rng = createRng(5);
    for (const name of ['ad_up', 'wo', 'pos_bias']) state.params.get(name)!.forEach((_, i, a) => (a[i] = (rng() - 0.5) * 0.05));
    trainer.setState(state);
    const { grads } = await trainer.step(batch, 0);
    const eps = 1e-2;
    for (const name of ['ad_down', 'ad_up', 'ad_bias', 'wq', 'wk', 'wv', 'wo', 'wp', 'bp', 'qp', 'pos_bias', 'log_scale']) {
      const g = grads.get(name)!;
      // The coordinate with the largest gradient, and one more: a meaningful and a random check.
      let top = 0;
      g.forEach((x, i) => (Math.abs(x) > Math.abs(g[top]!) ? (top = i) : 0));
      for (const i of [top, Math.floor(rng() * g.length)]) {
        const p = trainer.state.params.get(name)!;
        const orig = p[i]!;
        p[i] = orig + eps;
        const plus = (await trainer.step(batch, 0)).loss;
        p[i] = orig - eps;
        const minus = (await trainer.step(batch, 0)).loss;
        p[i] = orig;
        const fd = (plus - minus) / (2 * eps);
        expect(Math.abs(fd - g[i]!), `${name}[${i}] fd ${fd} vs ${g[i]}`).toBeLessThan(2e-3 + 0.05 * Math.abs(g[i]!));
      }
    }
  });

  it('lr = 0 leaves the parameters unchanged', async () => {
    trainer.setState(createInitialState(trainer.spec, 1));
    const before = trainer.state.params.get('wq')!.slice();
    await trainer.step(fillBatch(trainer.spec, buildExamples(makeImpressions(8, 2), 4, 2)), 0);
    expect(trainer.state.params.get('wq')).toEqual(before);
    expect(trainer.state.step).toBe(0);
  });

  it('decreases the loss on a fixed batch', async () => {
    trainer.setState(createInitialState(trainer.spec, 1));
    // Clicks unrelated to the history: only fitting this very batch can lower the loss.
    const rng = createRng(3);
    const random = makeImpressions(40, 3).map((imp) => ({ ...imp, clicked: [unitVector(rng)] }));
    const batch = fillBatch(trainer.spec, buildExamples(random, 4, 3));
    const losses: number[] = [];
    for (let i = 0; i < 6; i++) losses.push((await trainer.step(batch, 3e-3)).loss);
    expect(losses[0]).toBeCloseTo(Math.log(5), 0);
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThan(losses[i - 1]!);
  });

  it('gives identical parameters for the same seed', async () => {
    const examples = buildExamples(makeImpressions(100, 4), 4, 4);
    const run = async () => {
      trainer.setState(createInitialState(trainer.spec, 11));
      await trainEpochs(trainer, examples, { epochs: 1, lr: 1e-3, seed: 11 });
      return trainer.state.params.get('wv')!.slice();
    };
    expect(await run()).toEqual(await run());
  });

  it('resumed from a checkpoint, takes the same steps as an uninterrupted run', async () => {
    const examples = buildExamples(makeImpressions(200, 5), 4, 5);
    trainer.setState(createInitialState(trainer.spec, 2));
    await trainEpochs(trainer, examples, { epochs: 1, lr: 1e-3, seed: 2 });
    const straight = trainer.state.params.get('wk')!.slice();

    trainer.setState(createInitialState(trainer.spec, 2));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lede-ckpt-')), 'run.ckpt');
    await trainEpochs(trainer, examples, {
      epochs: 1, lr: 1e-3, seed: 2,
      onStep: (p) => {
        saveCheckpoint(file, { graph: trainer.spec.name, state: trainer.state, meta: { epoch: p.epoch, batch: p.batch } });
        return p.batch < 2;
      },
    });
    const ckpt = loadCheckpoint(file);
    trainer.setState(createInitialState(trainer.spec, 99));
    trainer.setState(ckpt.state);
    await trainEpochs(trainer, examples, { epochs: 1, lr: 1e-3, seed: 2, from: { epoch: 0, batch: 2 } });
    expect(trainer.state.params.get('wk')).toEqual(straight);
  });
});

describe('checkpoint', () => {
  it('round-trips parameters and Adam state', () => {
    const state = createInitialState(trainer.spec, 4);
    state.step = 17;
    const back = decodeCheckpoint(encodeCheckpoint({ graph: 'g', state, meta: { epoch: 1 } }));
    expect(back.state.step).toBe(17);
    expect(back.meta).toEqual({ epoch: 1 });
    expect(back.state.params.get('wp')).toEqual(state.params.get('wp'));
    expect(decodeCheckpoint(encodeCheckpoint({ graph: 'g', state, meta: {} }, true)).state.m.size).toBe(0);
  });
});

describe('TrainedUserModel', () => {
  it('computes in TypeScript what infer.onnx computes', async () => {
    const state = createInitialState(trainer.spec, 6);
    const rng = createRng(8);
    for (const p of state.params.values()) p.forEach((x, i, a) => (a[i] = x + (rng() - 0.5) * 0.02));
    const model = new TrainedUserModel(trainer.spec, state.params);
    const histories = makeImpressions(5, 9).map((imp) => imp.history);
    histories.push([]);
    const onnx = await model.encodeUsers(histories);
    histories.forEach((h, i) => {
      const ts = model.encodeUser(h);
      for (let d = 0; d < D; d += 37) expect(ts[d]).toBeCloseTo(onnx[i]![d]!, 4);
    });
  });
});
