export const TRAINING_FIELDS = ['days', 'heldOutDays', 'epochs', 'lr', 'negatives', 'seed'] as const;
export type TTrainingField = (typeof TRAINING_FIELDS)[number];

export const TRAINING_LABELS: Record<TTrainingField, string> = {
  days: 'Data window (days)',
  heldOutDays: 'Held-out days',
  epochs: 'Epochs',
  lr: 'Learning rate',
  negatives: 'Negatives per click',
  seed: 'Seed',
};

export interface TTrainingFormState {
  /** What was typed, kept when the form comes back with errors. */
  values: Record<string, string>;
  /** Field name → a sentence for people. */
  fieldErrors: Record<string, string>;
  error: string | null;
}
