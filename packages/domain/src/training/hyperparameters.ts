import path from 'node:path';

import { repoRoot } from '@lede/db';
import { z } from 'zod';

/** What an admin (or the CLI) chooses for a run; every field has a default. */
export const ZTrainingParams = z.object({
  /** Data window: the last N days of logged impressions (ending at the newest one). */
  days: z.number().int().min(2).max(365).default(14),
  /** The window's last N days are held out for evaluation, never trained on. */
  heldOutDays: z.number().int().min(1).max(30).default(1),
  epochs: z.number().int().min(1).max(50).default(1),
  lr: z.number().positive().max(0.1).default(1e-3),
  /** AdamW decay toward the untrained pooling; the logged data is small next to the model. */
  weightDecay: z.number().min(0).max(1).default(0.01),
  /** Non-clicked articles of the same impression per click (the graph has 8 slots). */
  negatives: z.number().int().min(1).max(8).default(4),
  seed: z.number().int().min(0).default(1),
  /** Steps between checkpoints. */
  checkpointEvery: z.number().int().min(1).max(10_000).default(20),
});
export type TTrainingParams = z.infer<typeof ZTrainingParams>;
export type TTrainingParamsInput = z.input<typeof ZTrainingParams>;

export const defaultTrainingParams: TTrainingParams = ZTrainingParams.parse({});

/** Where runs keep checkpoints (<dir>/<run>/last.ckpt) and where trained versions' weights go. */
export interface TrainingDirs {
  checkpoints: string;
  artifacts: string;
}

export const defaultTrainingDirs: TrainingDirs = {
  checkpoints: path.join(repoRoot, 'data', 'checkpoints'),
  artifacts: path.join(repoRoot, 'data', 'models'),
};

/** Live progress, as stored in TrainingRun.progress and drawn by the admin. */
export interface TrainingProgress {
  phase: 'queued' | 'loading' | 'training' | 'evaluating' | 'done';
  step: number;
  totalSteps: number;
  epoch: number;
  epochs: number;
  loss: number | null;
  /** [step, loss] every few steps (at most ~400 points). */
  curve: [number, number][];
  examplesPerSecond: number | null;
  etaSeconds: number | null;
  examples: number;
  /** How many times the run was resumed from a checkpoint. */
  resumed: number;
  updatedAt: string;
}
