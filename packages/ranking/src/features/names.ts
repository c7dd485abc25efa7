/**
 * The ranking model's inputs, in order. A saved ranking model lists the names it was trained on; serving
 * refuses one whose list differs (features are positional).
 */
export const featureNames = [
  'semantic',
  'maxSimilarity',
  'meanSimilarity',
  'keyword',
  'keywordMax',
  'entityOverlap',
  'categoryShare',
  'subcategoryShare',
  'interestMatch',
  'skippedBefore',
  'sectionLift',
  'skippedSimilarity',
  'popularityCtr',
  'popularityClicks',
  'readers1h',
  'readers24h',
  'readers7d',
  'ageHours',
  'historyLength',
  'recencyPreference',
  'ageVsPreference',
  'hourOfDay',
  'dayOfWeek',
  'position',
] as const;

export type FeatureName = (typeof featureNames)[number];

export const featureIndex = Object.fromEntries(featureNames.map((n, i) => [n, i])) as Record<FeatureName, number>;

/** Encoder-based features: dropped by `eval --ablate semantic` to measure what the language model adds. */
export const semanticFeatures: readonly FeatureName[] = ['semantic', 'maxSimilarity', 'meanSimilarity', 'skippedSimilarity'];

/** Stands for "not available" (no vector, no history): below every real value, so trees can split it off. */
export const MISSING = -2;

/** Impression position is known in logs only; serving scores every candidate as if shown first. */
export const SERVING_POSITION = 0;
