import crypto from 'node:crypto';

import {
  buildExamples,
  createTrainer,
  trainEpochs,
  TrainedUserModel,
  type ClickImpression,
  type EpochProgress,
  type TrainerState,
} from '@lede/ranking/training';

export interface FitParams {
  epochs: number;
  lr: number;
  weightDecay: number;
  negatives: number;
  seed: number;
  threads?: number;
}

// One epoch: the logged data is small next to the model, and a second epoch already overfits it (see models/recipes/training/README.md).
export const defaultFitParams: FitParams = { epochs: 1, lr: 1e-3, weightDecay: 0.01, negatives: 4, seed: 1 };

export interface FitHooks {
  /** Continue from a checkpoint: its state and where in the epochs it stopped. */
  resume?: { state: TrainerState; epoch: number; batch: number };
  onStart?: (examples: number) => void;
  /** After every step; return false to stop (cancel). The state is the trainer's live state. */
  onStep?: (p: EpochProgress, state: TrainerState) => boolean | void | Promise<boolean | void>;
}

export interface FitResult {
  model: TrainedUserModel;
  state: TrainerState;
  completed: boolean;
  examples: number;
}

/** Trains the user model on the impressions' clicks (click vs K skipped of the same impression) on onnxruntime-node. */
export async function fitUserModel(impressions: ClickImpression[], params: FitParams, hooks: FitHooks = {}): Promise<FitResult> {
  const examples = buildExamples(impressions, params.negatives, params.seed);
  if (!examples.length) throw new Error('no training examples: no clicked impression has both a history and a skipped article with vectors');
  hooks.onStart?.(examples.length);
  const trainer = await createTrainer({ seed: params.seed, threads: params.threads, state: hooks.resume?.state });
  try {
    const completed = await trainEpochs(trainer, examples, {
      epochs: params.epochs,
      lr: params.lr,
      weightDecay: params.weightDecay,
      seed: params.seed,
      from: hooks.resume ? { epoch: hooks.resume.epoch, batch: hooks.resume.batch } : undefined,
      onStep: hooks.onStep ? (p) => hooks.onStep!(p, trainer.state) : undefined,
    });
    return { model: new TrainedUserModel(trainer.spec, trainer.state.params), state: trainer.state, completed, examples: examples.length };
  } finally {
    await trainer.release();
  }
}

export type EncodeUsers = (histories: Float32Array[][], readers: string[]) => Promise<(Float32Array | null)[]>;

/** Folds of readers for cross-fitting: two fits on half the readers each cost about one fit on all. */
export const CROSS_FOLDS = 2;

/** A reader's fold for cross-fitting: stable across runs and machines. */
export function readerFold(reader: string, folds: number): number {
  return crypto.createHash('sha256').update(reader).digest().readUInt32BE(0) % folds;
}

/**
 * Cross-fitted user vectors for the ranking model's training rows. A user model scoring the very clicks it
 * was fitted on looks better than it will on tomorrow's impressions (on simulated logs: per-impression AUC
 * 0.66 on its training rows against 0.60 on the next day's), and a ranking model trained on those rows trusts
 * it too much. So readers are split into `folds` by a hash of their id, one user model is fitted per fold on
 * the other folds' impressions, and each reader's rows are scored by the model that never saw their clicks.
 * Serving and evaluation use the model fitted on everything.
 */
export async function fitCrossFoldUsers(
  impressions: readonly (ClickImpression & { reader: string })[],
  params: FitParams,
  folds = CROSS_FOLDS,
  onFold?: (fold: number, folds: number) => void | Promise<void>,
): Promise<EncodeUsers> {
  const models: TrainedUserModel[] = [];
  for (let k = 0; k < folds; k++) {
    await onFold?.(k + 1, folds);
    models.push((await fitUserModel(impressions.filter((imp) => readerFold(imp.reader, folds) !== k), params)).model);
  }
  return async (histories, readers) => {
    const out = new Array<Float32Array | null>(histories.length).fill(null);
    for (let k = 0; k < folds; k++) {
      const rows = readers.flatMap((r, i) => (readerFold(r, folds) === k ? [i] : []));
      if (!rows.length) continue;
      const vectors = await models[k]!.encodeUsers(rows.map((i) => histories[i]!));
      rows.forEach((row, j) => (out[row] = vectors[j] ?? null));
    }
    return out;
  };
}
