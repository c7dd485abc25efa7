import { describe, expect, it } from 'vitest';

import { measureDiversity, rerankWithMmr } from './diversity';
import { type LabeledImpression } from './offline';

const unit = (...v: number[]) => Float32Array.from(v.map((x) => x / Math.hypot(...v)));

function impression(vectors: Float32Array[]): LabeledImpression {
  return {
    time: new Date('2026-12-01T12:00:00Z'),
    history: [],
    labels: vectors.map((_, i) => (i === 2 ? 1 : 0)),
    candidates: vectors.map((vector, i) => ({
      id: `a${i}`,
      category: 'news',
      publishedAt: new Date('2026-12-01T10:00:00Z'),
      vector,
      popularity: { clicks: 0, impressions: 0 },
      editorial: { pinnedUntil: null, boost: 1 },
    })),
  };
}

describe('diversity in evaluation', () => {
  // a0 and a1 say the same thing; a2 is another story, scored a little lower.
  const imp = impression([unit(1, 0, 0), unit(1, 0.01, 0), unit(0, 1, 0), unit(0, 0, 1)]);
  const scores = [[3, 2.9, 2.8, 0]];

  it('measures intra-list diversity and coverage of the top 10', () => {
    const same = impression([unit(1, 0, 0), unit(1, 0, 0)]);
    expect(measureDiversity([same], [[1, 0]]).ild10).toBeCloseTo(0, 6);
    const apart = impression([unit(1, 0, 0), unit(0, 1, 0)]);
    expect(measureDiversity([apart], [[1, 0]]).ild10).toBeCloseTo(1, 6);
    expect(measureDiversity([imp], scores).coverage10).toBe(1);
  });

  it('re-ranks like the feed: a near-duplicate of the top story moves below a different one', () => {
    const [reranked] = rerankWithMmr([imp], scores);
    const order = reranked!.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
    expect(order.slice(0, 2)).toEqual([0, 2]);
  });
});
