import { describe, expect, it } from 'vitest';

import { selectWithMmr, suppressNotInterested } from './rerank';
import { type ScoredCandidate } from '../scoring/score';
import { makeCandidate, vec } from '../test-fixtures';
import { type CandidateArticle } from '../types';

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

  it('picks exactly what the plain greedy MMR picks (lazy evaluation changes only the cost)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pool = Array.from({ length: 300 }, (_, i) =>
      scored(`n${i}`, Math.round(rand() * 20) / 20, {
        // Coarse relevance (ties) and a few articles without vectors (category similarity).
        vector: i % 17 === 0 ? null : vec(...Array.from({ length: 8 }, () => rand() - 0.5)),
        category: `c${i % 3}`,
      }, i % 41 === 0),
    );
    for (const [lambda, depth] of [[0.8, 50], [0.5, 20], [0.3, 80]] as const) {
      const fast = selectWithMmr(pool, lambda, 120, depth);
      const plain = plainGreedyMmr(pool, lambda, depth);
      expect(ids(fast).slice(0, depth)).toEqual(ids(plain));
      fast.slice(0, depth).forEach((s, i) => expect(s.final).toBeCloseTo(plain[i]!.final, 9));
    }
  });

  it('puts pinned articles first and breaks ties by id', () => {
    const selected = selectWithMmr([scored('b', 0.5), scored('a', 0.5, { category: 'x' }), scored('p', 0.1, {}, true)], 1, 3);
    expect(ids(selected)).toEqual(['p', 'a', 'b']);
  });
});

/** The textbook greedy MMR over the same window as selectWithMmr: every step rescans every similarity. */
function plainGreedyMmr(pool: ScoredCandidate[], lambda: number, count: number) {
  const sorted = [...pool].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.relevance - a.relevance || (a.candidate.id < b.candidate.id ? -1 : 1),
  );
  const items = sorted.slice(0, Math.max(count * 4, count + 20));
  const units = new Map(items.map((s) => [s, s.candidate.vector?.map((x, _, v) => x / Math.hypot(...v))]));
  const sim = (a: ScoredCandidate, b: ScoredCandidate) => {
    const [ua, ub] = [units.get(a), units.get(b)];
    if (!ua || !ub) return a.candidate.category === b.candidate.category ? 1 : 0;
    let dot = 0;
    for (let d = 0; d < ua.length; d++) dot += ua[d]! * ub[d]!;
    return Math.max(0, dot);
  };
  const scale = (1 - lambda) / lambda;
  const chosen = items.filter((s) => s.pinned).slice(0, count).map((s) => ({ scored: s, final: s.relevance }));
  while (chosen.length < count) {
    let best: { scored: ScoredCandidate; final: number } | null = null;
    for (const s of items) {
      if (chosen.some((c) => c.scored === s)) continue;
      const penalty = scale * Math.max(0, ...chosen.map((c) => sim(c.scored, s)));
      if (!best || s.relevance - penalty > best.final) best = { scored: s, final: s.relevance - penalty };
    }
    if (!best) break;
    chosen.push(best);
  }
  return chosen;
}

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
