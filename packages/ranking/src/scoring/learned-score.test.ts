import { describe, expect, it } from 'vitest';

import { featureIndex, featureNames } from '../features/names';
import { compileRankingModel, type RankingModel } from '../ltr/model';
import { rankCandidates } from '../rank/rank';
import { ReaderMemo } from '../rank/reader-memo';
import { prepareCandidates } from './prepared';
import { NOW, hoursAgo, makeCandidate, makeProfile, vec } from '../test-fixtures';

/** One tree: the keyword match decides, then age (ln(1 + hours) ≤ 2, i.e. under ~6 h, scores higher). */
const model: RankingModel = {
  kind: 'lede-ranking-trees',
  features: [...featureNames],
  training: {},
  trees: [
    {
      feature: [featureIndex.keyword, featureIndex.ageHours, -1, -1, -1],
      threshold: [0.2, 2, 0, 0, 0],
      left: [1, 3, -1, -1, -1],
      right: [2, 4, -1, -1, -1],
      value: [0, -0.5, 1, 0, -1],
    },
  ],
};

describe('rankCandidates with a ranking model', () => {
  const history = [{ articleId: 'h1', category: 'sports', clickedAt: hoursAgo(2), vector: vec(1, 0), text: 'football final penalty shootout' }];
  const candidates = [
    makeCandidate('old', { publishedAt: hoursAgo(30), title: 'Parliament budget vote', vector: vec(0, 1) }),
    makeCandidate('fresh', { publishedAt: hoursAgo(1), title: 'Parliament budget vote again', vector: vec(0, 1) }),
    makeCandidate('match', { publishedAt: hoursAgo(30), title: 'Football final goes to a penalty shootout', vector: vec(1, 0) }),
  ];

  it('orders by the model, not the blend, and keeps post-processing (seen filter)', () => {
    const ranked = rankCandidates(makeProfile({ history }), candidates, { now: NOW }, { rankingModel: compileRankingModel(model, featureNames), mmrLambda: 1 });
    expect(ranked.map((r) => r.articleId)).toEqual(['match', 'fresh', 'old']);
    expect(ranked[0]!.score).toBeCloseTo(1 / (1 + Math.exp(-1)), 9);
    const seen = rankCandidates(makeProfile({ history, seen: new Set(['match']) }), candidates, { now: NOW }, { rankingModel: compileRankingModel(model), mmrLambda: 1 });
    expect(seen.map((r) => r.articleId)).toEqual(['fresh', 'old']);
  });

  it('explains each story by the features that moved its score, adding up to the score', () => {
    const ranked = rankCandidates(makeProfile({ history }), candidates, { now: NOW }, { rankingModel: compileRankingModel(model), mmrLambda: 1 });
    const match = ranked.find((r) => r.articleId === 'match')!;
    expect(match.contributions.map((c) => c.feature)).toEqual(['keyword']);
    expect(match.contributions[0]!.contribution).toBeCloseTo(1, 9);
    const old = ranked.find((r) => r.articleId === 'old')!;
    // Equal magnitudes keep feature order.
    expect(old.contributions).toEqual([
      { feature: 'keyword', value: 0, contribution: -0.5 },
      { feature: 'ageHours', value: expect.closeTo(Math.log1p(30), 5) as number, contribution: -0.5 },
    ]);
    expect(old.components.freshness).toBeLessThan(0.5);
  });
});

describe('one request\'s rankings sharing a ReaderMemo', () => {
  it('rank exactly as each would alone: overlapping candidate sets, a section tab, with and without a ranking model', () => {
    const candidates = Array.from({ length: 90 }, (_, i) =>
      makeCandidate(`c${i}`, {
        category: ['sports', 'politics', 'tech'][i % 3]!,
        title: ['Football final shootout', 'Parliament budget vote', 'Chip makers report'][i % 4 % 3]! + ` story ${i}`,
        publishedAt: hoursAgo(i / 2),
        popularity: { clicks: i % 7, impressions: 40, readers: { hour: i % 2, day: i % 5, week: i % 9 } },
        vector: i % 11 === 0 ? null : vec(Math.cos(i), Math.sin(i), (i % 5) / 5),
      }),
    );
    const history = [0, 4, 8, 15, 16].map((i, k) => ({
      articleId: `c${i}`, category: candidates[i]!.category, clickedAt: hoursAgo(k * 3), vector: candidates[i]!.vector, text: candidates[i]!.title,
    }));
    const profile = makeProfile({ history, interests: ['tech'], notInterested: [{ articleId: 'c7', category: 'politics', vector: candidates[7]!.vector }] });
    // Two prepared sets over the same articles (as two retrievals from one window): the second overlaps the first.
    const main = prepareCandidates(candidates.slice(0, 60));
    const section = prepareCandidates(candidates.slice(30));
    const context = { now: NOW, hour: 8 };
    const sectionContext = { ...context, category: 'tech' };
    for (const config of [{ limit: 60 }, { limit: 60, rankingModel: compileRankingModel(model) }]) {
      const memo = new ReaderMemo(profile, NOW, 8);
      const shared = [rankCandidates(profile, main, context, config, memo), rankCandidates(profile, section, sectionContext, { ...config, limit: 20 }, memo)];
      const alone = [rankCandidates(profile, main, context, config), rankCandidates(profile, section, sectionContext, { ...config, limit: 20 })];
      const view = (items: ReturnType<typeof rankCandidates>) => items.map((i) => ({ id: i.articleId, score: i.score, components: i.components, because: i.because, contributions: i.contributions }));
      expect(shared.map(view)).toEqual(alone.map(view));
      expect(shared[1]!.length).toBeGreaterThan(5);
    }
  });

  it('is ignored by a ranking of another profile or another instant', () => {
    const candidates = [makeCandidate('a', { vector: vec(1, 0) }), makeCandidate('b', { vector: vec(0, 1) })];
    const reader = makeProfile({ history: [{ articleId: 'h', category: 'x', clickedAt: hoursAgo(1), vector: vec(1, 0) }] });
    const memo = new ReaderMemo(reader, NOW, undefined);
    rankCandidates(reader, candidates, { now: NOW }, {}, memo);
    const other = makeProfile({ history: [{ articleId: 'h', category: 'x', clickedAt: hoursAgo(1), vector: vec(0, 1) }] });
    expect(rankCandidates(other, candidates, { now: NOW }, {}, memo)).toEqual(rankCandidates(other, candidates, { now: NOW }));
    const later = { now: hoursAgo(-5) };
    expect(rankCandidates(reader, candidates, later, {}, memo)).toEqual(rankCandidates(reader, candidates, later));
  });
});
