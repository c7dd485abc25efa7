import { describe, expect, it } from 'vitest';

import { featureIndex, featureNames } from '../features/names';
import { compileRankingModel, type RankingModel } from '../ltr/model';
import { rankCandidates } from '../rank/rank';
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
