import { describe, expect, it } from 'vitest';

import { buildReaderFacts, featureCount, type FeatureArticle, writeFeatures } from './compute';
import { featureIndex, MISSING } from './names';

const at = new Date(Date.UTC(2026, 10, 2, 8));
const article = (entities: string[] | null): FeatureArticle => ({
  id: 'a',
  category: 'news',
  publishedAt: at,
  unit: null,
  terms: null,
  entities: entities && new Set(entities),
});
const context = { now: at, hour: 8, weekday: 1, position: 0 };

function entityOverlap(history: (string[] | null)[], candidate: string[] | null): number {
  const reader = buildReaderFacts(history.map((e) => ({ article: article(e), clickedAt: at })), [], null);
  const row = new Float32Array(featureCount);
  writeFeatures(reader, article(candidate), { clicks: 0, impressions: 0 }, context, row);
  return row[featureIndex.entityOverlap]!;
}

describe('entityOverlap', () => {
  it("is the share of the candidate's entities named by any clicked article", () => {
    // Q1 and Q2 are in the history (from two clicks), Q3 is not: 2 of 3.
    expect(entityOverlap([['Q1'], ['Q2', 'Q9'], null], ['Q1', 'Q2', 'Q3'])).toBeCloseTo(2 / 3, 6);
    expect(entityOverlap([['Q9']], ['Q1', 'Q2'])).toBe(0);
    expect(entityOverlap([['Q1', 'Q2']], ['Q2'])).toBe(1);
  });

  it('is MISSING when the candidate or the whole history has no entities (no data, not "no overlap")', () => {
    expect(entityOverlap([['Q1']], null)).toBe(MISSING);
    expect(entityOverlap([['Q1']], [])).toBe(MISSING);
    expect(entityOverlap([null, []], ['Q1'])).toBe(MISSING);
    expect(entityOverlap([], ['Q1'])).toBe(MISSING);
  });
});
