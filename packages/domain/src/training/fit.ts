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
