import { describe, expect, it } from 'vitest';

import { NOW, hoursAgo, makeProfile, vec } from '../test-fixtures';
import { buildUserVector } from './user-vector';

function click(articleId: string, vector: Float32Array | null, hours = 0) {
  return { articleId, category: 'news', clickedAt: hoursAgo(hours), vector };
}

describe('buildUserVector', () => {
  it('halves the attention of a click one recency half-life older', () => {
    // mean = (0.707, 0.707): both cosines 0.707 cancel; logits differ by ln 2 → weights 2/3, 1/3
    // pooled = (2/3, 1/3)/|·| = (0.894427, 0.447214)
    const profile = makeProfile({ history: [click('a', vec(1, 0)), click('b', vec(0, 1), 72)] });
    const user = buildUserVector(profile, NOW);
    expect(user.source).toBe('attention');
    expect(user.weights.map((w) => w.weight)).toEqual([expect.closeTo(2 / 3, 9), expect.closeTo(1 / 3, 9)]);
    expect(Array.from(user.vector!)).toEqual([expect.closeTo(0.894427, 6), expect.closeTo(0.447214, 6)]);
  });

  it('lets recurring interests outvote a one-off click', () => {
    // mean = (0.894427, 0.447214); cosines 0.894427, 0.894427, 0.447214; /τ=0.25 → 3.577709, 3.577709, 1.788854
    // e^(−1.788854) = 0.167151 → weights 1/2.167151 = 0.461435 (twice) and 0.167151/2.167151 = 0.077130
    const profile = makeProfile({ history: [click('a', vec(1, 0)), click('b', vec(2, 0)), click('c', vec(0, 1))] });
    const { weights } = buildUserVector(profile, NOW);
    expect(weights.map((w) => w.weight)).toEqual([
      expect.closeTo(0.461435, 6),
      expect.closeTo(0.461435, 6),
      expect.closeTo(0.07713, 6),
    ]);
  });

  it('uses at most 50 clicks and skips missing or foreign-sized vectors', () => {
    const history = [click('x', null), click('y', vec(1, 0, 0)), ...Array.from({ length: 60 }, (_, i) => click(`h${i}`, vec(1, 0)))];
    // 'x' has no vector and 'y' sets the size to 3, so the 2-d clicks are dropped after it
    const { weights } = buildUserVector(makeProfile({ history }), NOW);
    expect(weights.map((w) => w.articleId)).toEqual(['y']);
    const plain = buildUserVector(makeProfile({ history: history.slice(2) }), NOW);
    expect(plain.weights).toHaveLength(50);
  });

  it('starts cold from interest centroids blended with the popularity direction', () => {
    const categoryCentroids = new Map([['tech', vec(2, 0)], ['sports', vec(0, 3)]]);
    // interests tech+sports → (0.707, 0.707); 0.7·that + 0.3·(1, 0) = (0.794975, 0.494975) → /0.936475
    const profile = makeProfile({ interests: ['tech', 'sports', 'unknown'], categoryCentroids });
    const user = buildUserVector(profile, NOW, { popularityDirection: vec(1, 0) });
    expect(user.source).toBe('cold-start');
    expect(Array.from(user.vector!)).toEqual([expect.closeTo(0.848902, 5), expect.closeTo(0.528551, 5)]);
    expect(buildUserVector(makeProfile(), NOW, { popularityDirection: vec(1, 0) })).toEqual({ vector: null, weights: [], source: 'none' });
  });

  it('fades onboarding interests in as k/(k+n)', () => {
    // one click (1, 0), interest (0, 1): α = 3/4 → (0.25, 0.75)/|·| = (0.316228, 0.948683)
    const profile = makeProfile({ interests: ['tech'], categoryCentroids: new Map([['tech', vec(0, 1)]]), history: [click('a', vec(1, 0))] });
    const user = buildUserVector(profile, NOW);
    expect(Array.from(user.vector!)).toEqual([expect.closeTo(0.316228, 5), expect.closeTo(0.948683, 5)]);
  });

  it('delegates to a trained user model and explains it by alignment', () => {
    const userModel = { encodeUser: (vectors: Float32Array[]) => vectors[1]! };
    const profile = makeProfile({ history: [click('a', vec(1, 0)), click('b', vec(0, 1))] });
    const user = buildUserVector(profile, NOW, { userModel });
    expect(user.source).toBe('model');
    expect(Array.from(user.vector!)).toEqual([0, 1]);
    // logits 0/0.25 and 1/0.25 → softmax(0, 4) = (0.017986, 0.982014)
    expect(user.weights[1]!.weight).toBeCloseTo(0.982014, 6);
  });
});
