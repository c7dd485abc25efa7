import v8 from 'node:v8';
import vm from 'node:vm';

import { describe, expect, it } from 'vitest';

import { prepareCandidates } from '../scoring/prepared';
import { defaultRankingConfig, rankByFreshnessPopularity, rankCandidates } from './rank';
import { NOW, hoursAgo, makeCandidate, makeProfile, vec } from '../test-fixtures';

const context = { now: NOW };

describe('rankCandidates', () => {
  // A feed request keeps its ranked items for half an hour (paging, "Why am I seeing this?"). Their lazy
  // explanations held rankCandidates' whole scope — the candidate set, every scored candidate, the excluded
  // set with the reader's seen stories — ~0.35 MB a request in the soak's heap snapshots (issue 15).
  it('ranked items keep explaining without holding the candidate set they were ranked from', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const history = [{ articleId: 'h1', category: 'tech', clickedAt: hoursAgo(1), vector: vec(1, 0) }];
    let candidates: ReturnType<typeof makeCandidate>[] | null = Array.from({ length: 50 }, (_, i) => makeCandidate(`c${i}`, { vector: vec(1, i / 50) }));
    const held = new WeakRef(candidates);
    const ranked = rankCandidates(makeProfile({ history, seen: new Set(['c0']) }), candidates, context);
    candidates = null;
    await new Promise((resolve) => setTimeout(resolve, 0)); // a WeakRef holds its target until the job ends
    gc();
    expect(held.deref()).toBeUndefined();
    expect(ranked).toHaveLength(30);
    expect(ranked[0]!.because.map((b) => b.articleId)).toEqual(['h1']);
  });

  it('ranks a first-time reader by freshness, popularity and category affinity only', () => {
    const candidates = [
      makeCandidate('old', { publishedAt: hoursAgo(48), category: 'tech' }),
      makeCandidate('new', { publishedAt: NOW, category: 'sports' }),
      makeCandidate('seen', { publishedAt: NOW }),
    ];
    const profile = makeProfile({ interests: ['tech'], seen: new Set(['seen']) });
    const ranked = rankCandidates(profile, candidates, context);
    // new: (0.2·1 + 0.15·0.125 + 0.15·0)/0.5 = 0.4375; old: (0.2·0.25 + 0.15·0.125 + 0.15·1)/0.5 = 0.4375
    // equal relevance → id order; different categories → no diversity penalty
    expect(ranked.map((r) => r.articleId)).toEqual(['new', 'old']);
    expect(ranked.map((r) => r.score)).toEqual([expect.closeTo(0.4375, 12), expect.closeTo(0.4375, 12)]);
    expect(ranked[1]!.components).toEqual({
      semantic: null,
      freshness: 0.25,
      popularity: 0.125,
      categoryAffinity: 1,
      diversityPenalty: 0,
      editorialBoost: 1,
      pinned: false,
      final: expect.closeTo(0.4375, 12) as number,
    });
  });

  it('prefers articles close to the reader and explains them by history', () => {
    const history = [
      { articleId: 'h1', category: 'tech', clickedAt: hoursAgo(1), vector: vec(1, 0) },
      { articleId: 'h2', category: 'tech', clickedAt: hoursAgo(2), vector: vec(1, -0.2) },
    ];
    const candidates = [makeCandidate('far', { vector: vec(0, 1) }), makeCandidate('close', { vector: vec(0.8, 0.6) })];
    const ranked = rankCandidates(makeProfile({ history }), candidates, context);
    expect(ranked.map((r) => r.articleId)).toEqual(['close', 'far']);
    expect(ranked[0]!.components.semantic).toBeGreaterThan(ranked[1]!.components.semantic!);
    expect(ranked[0]!.because.map((b) => b.articleId)).toEqual(['h1', 'h2']);
  });

  it('filters clicked, rejected and other-category articles and suppresses rejected neighbours', () => {
    const profile = makeProfile({
      history: [{ articleId: 'clicked', category: 'news', clickedAt: hoursAgo(1) }],
      notInterested: [{ articleId: 'rejected', category: 'news', vector: vec(1, 0) }],
    });
    const candidates = ['clicked', 'rejected', 'twin', 'ok'].map((id) =>
      makeCandidate(id, { vector: id === 'ok' ? vec(0, 1) : vec(1, 0) }),
    );
    candidates.push(makeCandidate('sport', { category: 'sports' }));
    expect(rankCandidates(profile, candidates, context).map((r) => r.articleId)).toEqual(['ok', 'sport']);
    expect(rankCandidates(profile, candidates, { now: NOW, category: 'sports' }).map((r) => r.articleId)).toEqual(['sport']);
  });

  it('puts pinned articles first and applies editorial boosts', () => {
    const candidates = [
      makeCandidate('fresh', {}),
      makeCandidate('pinned', { publishedAt: hoursAgo(72), editorial: { pinnedUntil: hoursAgo(-2), boost: 1 } }),
      makeCandidate('boosted', { publishedAt: hoursAgo(24), editorial: { pinnedUntil: null, boost: 3 } }),
    ];
    const ranked = rankCandidates(makeProfile(), candidates, context, { mmrLambda: 1 });
    expect(ranked.map((r) => r.articleId)).toEqual(['pinned', 'boosted', 'fresh']);
    expect(ranked[0]!.components.pinned).toBe(true);
    expect(ranked[1]!.components.editorialBoost).toBe(3);
  });

  it('is deterministic and honours the limit', () => {
    const candidates = ['d', 'b', 'c', 'a'].map((id) => makeCandidate(id, { category: id }));
    const ranked = rankCandidates(makeProfile(), candidates, context, { limit: 3 });
    expect(ranked.map((r) => r.articleId)).toEqual(['a', 'b', 'c']);
    expect(rankCandidates(makeProfile(), [...candidates].reverse(), context, { limit: 3 })).toEqual(ranked);
  });

  it('ranks prepared candidates exactly as the plain list, for any reader', () => {
    const candidates = Array.from({ length: 60 }, (_, i) =>
      makeCandidate(`c${i}`, {
        category: ['a', 'b', 'c'][i % 3]!,
        publishedAt: hoursAgo(i),
        popularity: { clicks: i % 7, impressions: 40 },
        vector: i % 9 === 0 ? null : vec(Math.cos(i), Math.sin(i), (i % 5) / 5),
      }),
    );
    const prepared = prepareCandidates(candidates);
    const history = [{ articleId: 'c4', category: 'b', clickedAt: hoursAgo(2), vector: candidates[4]!.vector }];
    const notInterested = [{ articleId: 'c7', category: 'b', vector: candidates[7]!.vector }];
    const centroids = new Map([['a', vec(1, 0, 0)]]);
    for (const profile of [makeProfile(), makeProfile({ interests: ['a'], categoryCentroids: centroids }), makeProfile({ history, notInterested })]) {
      for (const ctx of [context, { now: NOW, category: 'b' }]) {
        const plain = rankCandidates(profile, candidates, ctx, { limit: 60 });
        expect(rankCandidates(profile, prepared, ctx, { limit: 60 })).toEqual(plain);
        expect(plain.length).toBeGreaterThan(10);
      }
    }
  });

  it('uses a plugged-in user model', () => {
    const userModel = { encodeUser: () => vec(0, 1) };
    const history = [{ articleId: 'h', category: 'news', clickedAt: hoursAgo(1), vector: vec(1, 0) }];
    const candidates = [makeCandidate('x', { vector: vec(1, 0), category: 'a' }), makeCandidate('y', { vector: vec(0, 1), category: 'b' })];
    expect(rankCandidates(makeProfile({ history }), candidates, context, { userModel })[0]!.articleId).toBe('y');
  });

  it('rejects an invalid config', () => {
    expect(() => rankCandidates(makeProfile(), [], context, { mmrLambda: 0 })).toThrow(RangeError);
    expect(() => rankCandidates(makeProfile(), [], context, { freshnessHalfLifeHours: -1 })).toThrow(RangeError);
  });
});

describe('rankByFreshnessPopularity', () => {
  it('orders by freshness and popularity with pins first', () => {
    const candidates = [
      makeCandidate('old-popular', { publishedAt: hoursAgo(24), popularity: { clicks: 1000, impressions: 2000 } }),
      makeCandidate('new', {}),
      makeCandidate('pinned', { publishedAt: hoursAgo(96), editorial: { pinnedUntil: hoursAgo(-1), boost: 1 } }),
    ];
    // old-popular: (0.2·0.5 + 0.15·1)/0.35 = 0.714286; new: (0.2 + 0.15·0.125)/0.35 = 0.625
    const ranked = rankByFreshnessPopularity(candidates, context);
    expect(ranked.map((r) => r.articleId)).toEqual(['pinned', 'old-popular', 'new']);
    expect(ranked[1]!.score).toBeCloseTo(0.714286, 6);
    expect(ranked[2]!.score).toBeCloseTo(0.625, 12);
    expect(ranked.every((r) => r.because.length === 0 && r.components.semantic === null)).toBe(true);
  });

  it('uses the default limit', () => {
    const many = Array.from({ length: 40 }, (_, i) => makeCandidate(`a${i}`));
    expect(rankByFreshnessPopularity(many, context)).toHaveLength(defaultRankingConfig.limit);
  });
});
