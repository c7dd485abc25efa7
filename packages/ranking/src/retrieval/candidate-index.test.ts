import { describe, expect, it } from 'vitest';

import { featureIndex, featureNames } from '../features/names';
import { compileRankingModel, type RankingModel } from '../ltr/model';
import { prepareCandidates } from '../scoring/prepared';
import { rankCandidates } from '../rank/rank';
import type { CandidateArticle } from '../types';
import { defaultRetrievalBudget } from './budget';
import { CandidateIndex } from './candidate-index';
import { generateClusteredVectors } from './synthetic';
import { computeDot } from '../vector-math';
import { ExactIndex } from './vector-index';

const DIMS = 16;
const now = new Date('2026-12-01T12:00:00Z');

function article(i: number, vectors: Float32Array, over: Partial<CandidateArticle> = {}): CandidateArticle {
  return {
    id: `a${i}`,
    category: ['news', 'sport', 'food'][i % 3]!,
    publishedAt: new Date(now.getTime() - i * 60_000),
    vector: vectors.subarray(i * DIMS, (i + 1) * DIMS),
    popularity: { clicks: 0, impressions: 0 },
    editorial: { pinnedUntil: null, boost: 1 },
    ...over,
  };
}

/** A window searched through its index (`scanWholeUpTo: 0`) unless `budget` says otherwise. */
function build(n: number, budget = {}) {
  const vectors = generateClusteredVectors(n, DIMS, { topics: 5, storySize: 10 });
  const index = new CandidateIndex<CandidateArticle>((d) => new ExactIndex(d), { ...defaultRetrievalBudget, wholeUpTo: 0, scanWholeUpTo: 0, nearest: 10, popular: 3, fresh: 3, perFollowed: 2, ...budget });
  index.upsertMany(Array.from({ length: n }, (_, i) => article(i, vectors)));
  return { index, vectors };
}

function exactNearest(vectors: Float32Array, query: Float32Array, n: number, k: number, skip = new Set<string>()) {
  const exact = new ExactIndex(DIMS);
  for (let i = 0; i < n; i++) if (!skip.has(`a${i}`)) exact.upsert(i, vectors.subarray(i * DIMS, (i + 1) * DIMS));
  return exact.search(query, k).map((i) => `a${i}`);
}

/** The true top k by cosine among the window's articles of `category` not excluded: brute force over `items()`. */
function bruteNearest(index: CandidateIndex<CandidateArticle>, query: Float32Array, category: string, k: number, exclude = new Set<string>()) {
  return index
    .items()
    .filter((a) => a.category === category && a.vector && !exclude.has(a.id))
    .map((a) => ({ id: a.id, score: computeDot(a.vector!, query)! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((a) => a.id);
}

/** Nearest only: the other sources contribute nothing, so what is retrieved is the nearest-neighbour search. */
const nearestOnly = { popular: 0, fresh: 0, perFollowed: 0 };

describe('CandidateIndex', () => {
  it('hands over a window within wholeUpTo whole, minus exclusions and other categories', () => {
    const vectors = generateClusteredVectors(12, DIMS);
    const index = new CandidateIndex<CandidateArticle>((d) => new ExactIndex(d));
    index.upsertMany(Array.from({ length: 12 }, (_, i) => article(i, vectors)));
    const got = index.retrieve({ userVector: null, category: 'sport', exclude: new Set(['a1']), now });
    expect(got.exhausted).toBe(true);
    expect(got.items.map((a) => a.id).sort()).toEqual(['a10', 'a4', 'a7']);
    expect(got.units.every((u, i) => u === got.items[i]!.vector)).toBe(true);
  });

  it('retrieves the nearest, popular, fresh, followed and pinned articles and nothing excluded', () => {
    const { index, vectors } = build(300);
    index.upsert({ ...index.get('a250')!, popularity: { clicks: 50, impressions: 100 } });
    index.upsert({ ...index.get('a260')!, editorial: { pinnedUntil: new Date(now.getTime() + 3_600_000), boost: 1 } });
    index.upsert({ ...index.get('a270')!, editorial: { pinnedUntil: new Date(now.getTime() - 3_600_000), boost: 1 } });
    const query = vectors.subarray(100 * DIMS, 101 * DIMS);
    const exclude = new Set(['a0', 'a100']);
    const got = index.retrieve({ userVector: query, followed: ['food'], exclude, now });
    const ids = got.items.map((a) => a.id);
    expect(got.exhausted).toBe(false);
    for (const id of exactNearest(vectors, query, 300, 10, exclude)) expect(ids).toContain(id);
    expect(ids).toContain('a250'); // popular
    expect(ids).toEqual(expect.arrayContaining(['a1', 'a2', 'a3'])); // freshest not excluded
    expect(ids).toEqual(expect.arrayContaining(['a5', 'a8'])); // followed category's freshest beyond those
    expect(ids).toContain('a260'); // pinned now
    expect(ids).not.toContain('a270'); // pin expired
    expect(ids).not.toContain('a0');
    expect(ids).not.toContain('a100');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(10 + 3 + 3 + 2 + 1);
  });

  it('keeps only the tab category and searches deeper for it', () => {
    const { index, vectors } = build(300);
    const query = vectors.subarray(30 * DIMS, 31 * DIMS);
    const got = index.retrieve({ userVector: query, category: 'news', now });
    expect(got.items.every((a) => a.category === 'news')).toBe(true);
    expect(got.items.length).toBeGreaterThanOrEqual(10);
  });

  it('follows removals, expiry and vector changes incrementally', () => {
    const { index, vectors } = build(300);
    const query = vectors.subarray(42 * DIMS, 43 * DIMS);
    expect(index.retrieve({ userVector: query, now }).items.map((a) => a.id)).toContain('a42');
    index.remove('a42');
    expect(index.get('a42')).toBeUndefined();
    expect(index.retrieve({ userVector: query, now }).items.map((a) => a.id)).not.toContain('a42');
    // a7 moves to a42's old place in vector space.
    index.upsert({ ...index.get('a7')!, vector: query });
    expect(index.retrieve({ userVector: query, now }).items[0]?.id).toBe('a7');
    const expired = index.expireBefore(new Date(now.getTime() - 100 * 60_000));
    expect(expired).toHaveLength(199); // a101…a299: a100 is exactly on the boundary
    expect(index.size).toBe(300 - 1 - 199);
  });

  it('keeps category centroids as running sums', () => {
    const { index, vectors } = build(30);
    const before = index.centroids().get('news')!;
    index.remove('a0');
    const after = index.centroids().get('news')!;
    expect(after).not.toEqual(before);
    index.upsert(article(0, vectors));
    const back = index.centroids().get('news')!;
    back.forEach((x, i) => expect(x).toBeCloseTo(before[i]!, 5));
  });

  it('hands retrieved candidates to the ranking model with the whole window’s term statistics', () => {
    const words = ['budget vote parliament', 'football final penalty', 'pasta recipe tomato', 'election polls budget'];
    const { index, vectors } = build(60);
    index.upsertMany(Array.from({ length: 60 }, (_, i) => article(i, vectors, { title: `${words[i % 4]} story${i % 7}`, abstract: `${words[(i + 1) % 4]}` })));
    // One tree on the keyword feature: the score depends on the candidates' TF-IDF vectors.
    const model: RankingModel = {
      kind: 'lede-ranking-trees',
      features: [...featureNames],
      training: {},
      trees: [{ feature: [featureIndex.keyword, -1, -1], threshold: [0.3, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -1, 1] }],
    };
    const profile = {
      interests: [],
      history: [{ articleId: 'h', category: 'sport', clickedAt: now, vector: vectors.subarray(0, DIMS), text: 'football final penalty shootout' }],
      notInterested: [],
      seen: new Set<string>(),
    };
    const config = { rankingModel: compileRankingModel(model, featureNames), mmrLambda: 1, limit: 100 };
    const retrieved = index.retrieve({ userVector: vectors.subarray(0, DIMS), now });
    expect(retrieved.items.length).toBeLessThan(60);
    // The same scores as ranking the whole window prepared at once (whose IDF is the window's).
    const whole = new Map(rankCandidates(profile, prepareCandidates(index.items()), { now }, config).map((r) => [r.articleId, r.score]));
    const ranked = rankCandidates(profile, retrieved, { now }, config);
    expect(ranked.length).toBe(retrieved.items.length);
    for (const r of ranked) expect(r.score).toBeCloseTo(whole.get(r.articleId)!, 9);
    expect(ranked.some((r) => r.contributions.some((c) => c.feature === 'keyword'))).toBe(true);
    // Removing articles updates the statistics as a fresh window would have them.
    for (let i = 40; i < 60; i++) index.remove(`a${i}`);
    const after = new Map(rankCandidates(profile, prepareCandidates(index.items()), { now }, config).map((r) => [r.articleId, r.score]));
    for (const r of rankCandidates(profile, index.retrieve({ userVector: vectors.subarray(0, DIMS), now }), { now }, config)) {
      expect(r.score).toBeCloseTo(after.get(r.articleId)!, 9);
    }
  });

  describe('a window scanned whole (within scanWholeUpTo)', () => {
    it('finds the true nearest of "For you" minus exclusions and hidden sections, with no index built', () => {
      let built = 0;
      const vectors = generateClusteredVectors(600, DIMS, { topics: 5, storySize: 10 });
      const index = new CandidateIndex<CandidateArticle>((d) => (built++, new ExactIndex(d)), { ...defaultRetrievalBudget, wholeUpTo: 0, nearest: 10, ...nearestOnly });
      index.upsertMany(Array.from({ length: 600 }, (_, i) => article(i, vectors)));
      for (const q of [3, 250, 499]) {
        const query = vectors.subarray(q * DIMS, (q + 1) * DIMS);
        const exclude = new Set(exactNearest(vectors, query, 600, 5));
        const got = index.retrieve({ userVector: query, exclude, now }).items.map((a) => a.id);
        expect(got).toEqual(exactNearest(vectors, query, 600, 10, exclude));
        const notFood = index.retrieve({ userVector: query, excludeCategories: ['food'], now }).items.map((a) => a.id);
        const food = new Set(index.items().filter((a) => a.category === 'food').map((a) => a.id));
        expect(notFood).toEqual(exactNearest(vectors, query, 600, 10, food));
      }
      expect(built).toBe(0);
    });

    it('builds the index from every vector once the window outgrows the scan, and searches it from then on', () => {
      const vectors = generateClusteredVectors(400, DIMS, { topics: 5, storySize: 10 });
      let index: ExactIndex | null = null;
      const window = new CandidateIndex<CandidateArticle>((d) => (index = new ExactIndex(d)), { ...defaultRetrievalBudget, wholeUpTo: 0, scanWholeUpTo: 300, nearest: 10, ...nearestOnly });
      window.upsertMany(Array.from({ length: 300 }, (_, i) => article(i, vectors)));
      expect(index).toBeNull();
      window.upsertMany(Array.from({ length: 100 }, (_, i) => article(300 + i, vectors)));
      expect(index!.size()).toBe(400);
      const query = vectors.subarray(350 * DIMS, 351 * DIMS);
      expect(window.retrieve({ userVector: query, now }).items.map((a) => a.id)).toEqual(exactNearest(vectors, query, 400, 10));
      window.remove('a350');
      expect(index!.size()).toBe(399);
    });
  });

  describe('exact scan of a small category', () => {
    it('returns the true top k by cosine within the category, minus exclusions', () => {
      const { index, vectors } = build(600, { ...nearestOnly, exactScanPerResult: 1_000 });
      for (const q of [5, 77, 301]) {
        const query = vectors.subarray(q * DIMS, (q + 1) * DIMS);
        const exclude = new Set(bruteNearest(index, query, 'sport', 4));
        const got = index.retrieve({ userVector: query, category: 'sport', exclude, now }).items.map((a) => a.id);
        expect(got).toEqual(bruteNearest(index, query, 'sport', 10, exclude));
      }
    });

    it('keeps hidden sections out as the approximate path does', () => {
      const { index, vectors } = build(300, { ...nearestOnly, exactScanPerResult: 1_000 });
      const query = vectors.subarray(0, DIMS);
      expect(index.retrieve({ userVector: query, category: 'news', excludeCategories: ['news'], now }).items).toEqual([]);
      expect(index.retrieve({ userVector: query, category: 'news', excludeCategories: ['food'], now }).items).toHaveLength(10);
    });

    it('stays exact after articles are added, removed, re-categorised and get new vectors', () => {
      const { index, vectors } = build(300, { ...nearestOnly, exactScanPerResult: 1_000 });
      const more = generateClusteredVectors(400, DIMS, { topics: 5, storySize: 10, seed: 7 });
      const query = vectors.subarray(10 * DIMS, 11 * DIMS);
      for (let i = 0; i < 60; i += 2) index.remove(`a${i}`);
      for (let i = 1; i < 60; i += 4) index.upsert({ ...index.get(`a${i}`)!, category: 'sport' });
      for (let i = 3; i < 60; i += 4) index.upsert({ ...index.get(`a${i}`)!, vector: more.subarray((i + 300) * DIMS, (i + 301) * DIMS) });
      index.upsert({ ...index.get('a61')!, vector: null });
      index.upsertMany(Array.from({ length: 100 }, (_, j) => article(300 + j, more)));
      for (const category of ['news', 'sport', 'food']) {
        const got = index.retrieve({ userVector: query, category, now }).items.map((a) => a.id);
        expect(got).toEqual(bruteNearest(index, query, category, 10));
      }
    });

    it('agrees with the approximate path where that one is exact (ExactIndex behind it)', () => {
      const { index: scanned, vectors } = build(600, { ...nearestOnly, exactScanPerResult: 1_000 });
      const { index: searched } = build(600, { ...nearestOnly, exactScanPerResult: 0 });
      const query = vectors.subarray(123 * DIMS, 124 * DIMS);
      const ids = (index: CandidateIndex<CandidateArticle>) => index.retrieve({ userVector: query, category: 'food', exclude: new Set(['a5']), now }).items.map((a) => a.id);
      expect(ids(scanned)).toEqual(ids(searched));
    });
  });
});
