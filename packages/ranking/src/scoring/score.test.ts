import { describe, expect, it } from 'vitest';

import { defaultRankingConfig } from '../rank/rank';
import { computeCategoryAffinity, computeFreshness, computePopularity, scoreCandidate } from './score';
import { NOW, hoursAgo, makeCandidate, vec } from '../test-fixtures';

describe('computeFreshness', () => {
  it('halves every half-life', () => {
    expect(computeFreshness(hoursAgo(24), NOW, 24)).toBeCloseTo(0.5, 12);
    // 2^(−36/24) = 2^(−1.5) = 0.3535534
    expect(computeFreshness(hoursAgo(36), NOW, 24)).toBeCloseTo(0.3535534, 6);
  });

  it('treats future publication dates as brand new', () => {
    expect(computeFreshness(hoursAgo(-5), NOW, 24)).toBe(1);
  });
});

describe('computePopularity', () => {
  it('blends smoothed CTR and log volume', () => {
    // ctr = (9+1)/(80+20) = 0.1 → 0.1/0.2 = 0.5; volume = ln 10 / ln 1001 = 2.302585/6.908755 = 0.333288
    // 0.5·0.5 + 0.5·0.333288 = 0.416644
    expect(computePopularity({ clicks: 9, impressions: 80 })).toBeCloseTo(0.416644, 5);
  });

  it('gives an unseen article the prior CTR only', () => {
    // ctr = 1/20 = 0.05 → 0.25; volume 0 → 0.125
    expect(computePopularity({ clicks: 0, impressions: 0 })).toBeCloseTo(0.125, 12);
  });

  it('saturates at 1 and ignores garbage counts', () => {
    expect(computePopularity({ clicks: 1000, impressions: 2000 })).toBeCloseTo(1, 12);
    expect(computePopularity({ clicks: -3, impressions: Number.NaN })).toBeCloseTo(0.125, 12);
  });
});

describe('computeCategoryAffinity', () => {
  const history = [
    { articleId: 'h1', category: 'sports', clickedAt: NOW },
    { articleId: 'h2', category: 'sports', clickedAt: hoursAgo(168) },
    { articleId: 'h3', category: 'tech', clickedAt: hoursAgo(168) },
  ];

  it('adds decayed clicks to interest pseudo-clicks and scales by the maximum', () => {
    // tech = 2 (interest) + 0.5 = 2.5; sports = 1 + 0.5 = 1.5 → tech 1, sports 0.6
    const affinity = computeCategoryAffinity({ interests: ['tech'], history }, { now: NOW });
    expect(affinity.get('tech')).toBeCloseTo(1, 12);
    expect(affinity.get('sports')).toBeCloseTo(0.6, 12);
  });

  it('weighs clicks made at the same time of day more when the hour is known', () => {
    // same hour (0 h or 168 h ago): ×1.5; 12 h ago: ×0.5 · 2^(−12/168) = 0.5 · 0.951694 = 0.475847
    // tech = 2 + 0.75 = 2.75; sports = 1.5 + 0.75 = 2.25; world = 0.475847
    const withWorld = [...history, { articleId: 'h4', category: 'world', clickedAt: hoursAgo(12) }];
    const affinity = computeCategoryAffinity({ interests: ['tech'], history: withWorld }, { now: NOW, hour: 8 });
    expect(affinity.get('tech')).toBeCloseTo(1, 12);
    expect(affinity.get('sports')).toBeCloseTo(2.25 / 2.75, 6);
    expect(affinity.get('world')).toBeCloseTo(0.475847 / 2.75, 6);
  });

  it('is empty for a reader with no signal', () => {
    expect(computeCategoryAffinity({ interests: [], history: [] }, { now: NOW }).size).toBe(0);
  });
});

describe('scoreCandidate', () => {
  const affinity = new Map([['news', 1]]);
  const inputs = { userVector: vec(1, 0), affinity, config: defaultRankingConfig, now: NOW };

  it('drops the semantic weight when the article has no vector', () => {
    // (0.2·0.5 + 0.15·0.125 + 0.15·1) / (0.2+0.15+0.15) = 0.26875/0.5 = 0.5375, × boost 2 = 1.075
    const scored = scoreCandidate(makeCandidate('a', { publishedAt: hoursAgo(24), editorial: { pinnedUntil: null, boost: 2 } }), inputs);
    expect(scored.semantic).toBeNull();
    expect(scored.relevance).toBeCloseTo(1.075, 12);
  });

  it('uses the calibrated sigmoid of the dot product', () => {
    // dot = 0.6; sigmoid(8·0.6 − 2.4) = sigmoid(2.4) = 0.916827; (0.26875 + 0.5·0.916827)/1 = 0.727164
    const scored = scoreCandidate(makeCandidate('a', { publishedAt: hoursAgo(24), vector: vec(0.6, 0.8) }), inputs);
    expect(scored.semantic).toBeCloseTo(0.916827, 6);
    expect(scored.relevance).toBeCloseTo(0.727164, 6);
    const raw = scoreCandidate(makeCandidate('a', { vector: vec(0.6, 0.8) }), {
      ...inputs,
      config: { ...defaultRankingConfig, calibration: { scale: 1, bias: 0 } },
    });
    // sigmoid(0.6) = 0.645656
    expect(raw.semantic).toBeCloseTo(0.645656, 6);
  });

  it('ignores a vector of another dimension and marks active pins', () => {
    const scored = scoreCandidate(
      makeCandidate('a', { vector: vec(1, 0, 0), editorial: { pinnedUntil: hoursAgo(-1), boost: 1 } }),
      inputs,
    );
    expect(scored.semantic).toBeNull();
    expect(scored.pinned).toBe(true);
    const expired = scoreCandidate(makeCandidate('b', { editorial: { pinnedUntil: hoursAgo(1), boost: 1 } }), inputs);
    expect(expired.pinned).toBe(false);
  });
});
