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

describe('short-term interest (recentKeyword, recentCategoryShare)', () => {
  const story = (category: string, words: string[]): FeatureArticle => ({
    ...article(null),
    category,
    terms: new Map(words.map((w) => [w, 1 / Math.sqrt(words.length)])),
  });
  const row = (history: FeatureArticle[], candidate: FeatureArticle) => {
    const out = new Float32Array(featureCount);
    writeFeatures(buildReaderFacts(history.map((a) => ({ article: a, clickedAt: at })), [], null), candidate, { clicks: 0, impressions: 0 }, context, out);
    return out;
  };
  // Most recent first: one chess click after six football ones.
  const history = [story('games', ['chess', 'opening']), ...Array.from({ length: 6 }, () => story('sports', ['football', 'league']))];

  it('reads only the latest clicks, where the whole-history features read them all', () => {
    const chess = row(history, story('games', ['chess', 'endgame']));
    const football = row(history, story('sports', ['football', 'cup']));
    expect(chess[featureIndex.keyword]!).toBeLessThan(football[featureIndex.keyword]!);
    expect(chess[featureIndex.categoryShare]).toBeCloseTo(1 / 7, 6);
    expect(chess[featureIndex.recentCategoryShare]).toBeCloseTo(1 / 5, 6);
    // The latest five clicks hold four football ones: the older two no longer count.
    expect(football[featureIndex.recentCategoryShare]).toBeCloseTo(4 / 5, 6);
    const onlyOld = row([...Array.from({ length: 5 }, () => story('games', ['chess'])), story('sports', ['football', 'league'])], story('sports', ['football', 'cup']));
    expect(onlyOld[featureIndex.recentKeyword]).toBe(0);
    expect(onlyOld[featureIndex.recentCategoryShare]).toBe(0);
    expect(onlyOld[featureIndex.keyword]!).toBeGreaterThan(0);
  });

  it('is MISSING without clicks with terms, and 0 for a section not read lately', () => {
    const none = row([], story('sports', ['football']));
    expect(none[featureIndex.recentKeyword]).toBe(MISSING);
    expect(none[featureIndex.recentCategoryShare]).toBe(0);
  });
});
