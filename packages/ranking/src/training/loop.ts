import { fillBatch, shuffledOrder, type TrainingExample } from './batch';
import { type Trainer } from './trainer';

export interface EpochProgress {
  epoch: number;
  /** Batches done in this epoch. */
  batch: number;
  batchesPerEpoch: number;
  /** Adam steps taken in all. */
  step: number;
  loss: number;
  examples: number;
}

export interface TrainLoopOptions {
  epochs: number;
  lr: number;
  /** AdamW's decoupled decay: pulls the weights toward plain additive pooling of the raw vectors. */
  weightDecay?: number;
  seed: number;
  /** Where a resumed run continues: the epoch and the batches of it already done. */
  from?: { epoch: number; batch: number };
  /** Called after every step; returning false stops the loop (cancel) after that step. */
  onStep?: (p: EpochProgress) => boolean | void | Promise<boolean | void>;
}

/**
 * Epochs of Adam steps over the examples, shuffled per epoch from (seed, epoch): the same seed gives the same
 * batches, so a run resumed from a checkpoint takes exactly the steps it would have taken. Returns whether it
 * ran to the end.
 */
export async function trainEpochs(trainer: Trainer, examples: readonly TrainingExample[], opts: TrainLoopOptions): Promise<boolean> {
  const size = trainer.spec.batch;
  const batchesPerEpoch = Math.ceil(examples.length / size);
  for (let epoch = opts.from?.epoch ?? 0; epoch < opts.epochs; epoch++) {
    const order = shuffledOrder(examples.length, opts.seed * 1000 + epoch);
    const first = epoch === opts.from?.epoch ? opts.from.batch : 0;
    for (let b = first; b < batchesPerEpoch; b++) {
      const chunk = order.slice(b * size, (b + 1) * size).map((i) => examples[i]!);
      const { loss } = await trainer.step(fillBatch(trainer.spec, chunk), opts.lr, opts.weightDecay ?? 0);
      const keepGoing = await opts.onStep?.({ epoch, batch: b + 1, batchesPerEpoch, step: trainer.state.step, loss, examples: chunk.length });
      if (keepGoing === false) return false;
    }
  }
  return true;
}
