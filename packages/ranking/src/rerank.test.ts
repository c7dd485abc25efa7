import { describe, expect, it } from 'vitest';

import { selectWithMmr, suppressNotInterested } from './rerank';
import { type ScoredCandidate } from './score';
import { makeCandidate, vec } from './test-fixtures';
import { type CandidateArticle } from './types';

function scored(id: string, relevance: number, overrides: Partial<CandidateArticle> = {}, pinned = false): ScoredCandidate {
  return {
    candidate: makeCandidate(id, overrides),
    semantic: null,
    freshness: 1,
    popularity: 0,
    categoryAffinity: 0,
    editorialBoost: 1,
    pinned,
    relevance,
  };
}

const ids = (items: { scored: ScoredCandidate }[]) => items.map((s) => s.scored.candidate.id);

describe('selectWithMmr', () => {
  const pool = [
    scored('a', 1.0, { vector: vec(1, 0) }),
    scored('b', 0.9, { vector: vec(1, 0) }),
    scored('c', 0.8, { vector: vec(0, 1) }),
  ];

  it('pushes a near duplicate below a less relevant, different article', () => {
    // λ = 0.5 → penalty scale (1−λ)/λ = 1. Step 2: b = 0.9 − 1·cos(b,a)=1 → −0.1; c = 0.8 − 0 → c.
    // Step 3: b = 0.9 − max(1, 0) = −0.1.
    const selected = selectWithMmr(pool, 0.5, 10);
    expect(ids(selected)).toEqual(['a', 'c', 'b']);
    expect(selected.map((s) => s.diversityPenalty)).toEqual([0, 0, 1]);
    expect(selected[2]!.final).toBeCloseTo(-0.1, 12);
  });

  it('diversifies only the first `depth` items; the rest follow in relevance order', () => {
    // depth 2: a, then c (b is a's duplicate); past the head, b follows with no penalty.
    const selected = selectWithMmr([...pool, scored('d', 0.1, { vector: vec(0, 1) })], 0.5, 10, 2);
    expect(ids(selected)).toEqual(['a', 'c', 'b', 'd']);
    expect(selected.map((s) => s.diversityPenalty)).toEqual([0, 0, 0, 0]);
  });

  it('is plain relevance order at λ = 1 and respects the limit', () => {
    expect(ids(selectWithMmr(pool, 1, 2))).toEqual(['a', 'b']);
  });

  it('falls back to category similarity when vectors are missing', () => {
    // λ = 0.8 → scale 0.25. After x (sports): y (sports) = 0.9 − 0.25 = 0.65 < z (tech) = 0.7.
    const noVectors = [scored('x', 1, { category: 'sports' }), scored('y', 0.9, { category: 'sports' }), scored('z', 0.7, { category: 'tech' })];
    const selected = selectWithMmr(noVectors, 0.8, 3);
    expect(ids(selected)).toEqual(['x', 'z', 'y']);
    expect(selected[2]!.diversityPenalty).toBeCloseTo(0.25, 12);
  });

  it('puts pinned articles first and breaks ties by id', () => {
    const selected = selectWithMmr([scored('b', 0.5), scored('a', 0.5, { category: 'x' }), scored('p', 0.1, {}, true)], 1, 3);
    expect(ids(selected)).toEqual(['p', 'a', 'b']);
  });
});

describe('suppressNotInterested', () => {
  it('drops near neighbours and halves the category when vectors are missing', () => {
    const pool = [
      scored('near', 1, { vector: vec(1, 0.1) }),
      scored('far', 1, { vector: vec(0, 1) }),
      scored('sameCategory', 1, { category: 'gossip' }),
    ];
    const rejected = [
      { articleId: 'r1', category: 'news', vector: vec(1, 0) },
      { articleId: 'r2', category: 'gossip', vector: null },
    ];
    // cos((1, 0.1), (1, 0)) = 0.995 ≥ 0.85 → dropped; cos((0,1),(1,0)) = 0 → kept
    const kept = suppressNotInterested(pool, rejected, 0.85);
    expect(kept.map((s) => [s.candidate.id, s.relevance])).toEqual([
      ['far', 1],
      ['sameCategory', 0.5],
    ]);
  });
});
