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
  'recentKeyword',
  'entityOverlap',
  'categoryShare',
  'subcategoryShare',
  'recentCategoryShare',
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

/** Each feature in plain words, for the newsroom's reader inspector (what the story has, for this reader). */
export const featureLabels: Record<FeatureName, string> = {
  semantic: 'Close to their reading (user model)',
  maxSimilarity: 'Close in meaning to one of their latest clicks',
  meanSimilarity: 'Close in meaning to their clicks on average',
  keyword: 'Shares keywords with what they read',
  keywordMax: 'Shares keywords with one story they read',
  recentKeyword: 'Shares keywords with what they read lately',
  entityOverlap: 'Names people, places or things they read about',
  categoryShare: 'Their share of clicks in this section',
  subcategoryShare: 'Their share of clicks in this subsection',
  recentCategoryShare: 'Their share of latest clicks in this section',
  interestMatch: 'A section they follow',
  skippedBefore: 'Shown to them before and not opened',
  sectionLift: 'They open this section more than others',
  skippedSimilarity: 'Like the stories they passed over',
  popularityCtr: 'Click rate (last 3 days)',
  popularityClicks: 'Clicks (last 3 days)',
  readers1h: 'Readers in the last hour',
  readers24h: 'Readers in the last day',
  readers7d: 'Readers in the last week',
  ageHours: 'Age',
  historyLength: 'How much they have read',
  recencyPreference: 'How fresh the stories they open usually are',
  ageVsPreference: 'Age against what they usually open',
  hourOfDay: 'Hour of day',
  dayOfWeek: 'Day of week',
  position: 'Position shown (training only)',
};

export const featureIndex = Object.fromEntries(featureNames.map((n, i) => [n, i])) as Record<FeatureName, number>;

/** Encoder-based features: dropped by `eval --ablate semantic` to measure what the language model adds. */
export const semanticFeatures: readonly FeatureName[] = ['semantic', 'maxSimilarity', 'meanSimilarity', 'skippedSimilarity'];

/** Stands for "not available" (no vector, no history): below every real value, so trees can split it off. */
export const MISSING = -2;

/** Impression position is known in logs only; serving scores every candidate as if shown first. */
export const SERVING_POSITION = 0;
