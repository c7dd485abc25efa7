import { computeSigmoid, defaultRankingConfig, normalizeVector, selectWithMmr, type ScoredCandidate } from '@lede/ranking';

import { type LabeledImpression } from './offline';

export interface DiversityMetrics {
  /** Intra-list diversity: mean 1 − cosine over pairs of the top 10 (candidates with vectors), per impression. */
  ild10: number;
  /** Catalogue coverage: distinct articles in any top 10 over distinct candidates. */
  coverage10: number;
}

const K = 10;

/** The top-10 lists' diversity and their coverage of the candidates, for one ranker's scores. */
export function measureDiversity(impressions: readonly LabeledImpression[], scores: readonly number[][]): DiversityMetrics {
  const shown = new Set<string>();
  const candidates = new Set<string>();
  let ild = 0;
  let lists = 0;
  impressions.forEach((imp, i) => {
    for (const c of imp.candidates) candidates.add(c.id);
    const top = topK(scores[i]!, K).map((j) => imp.candidates[j]!);
    for (const c of top) shown.add(c.id);
    const units = top.flatMap((c) => (c.vector ? [normalizeVector(c.vector)] : [])).filter((u): u is Float32Array => u !== null);
    if (units.length < 2) return;
    let sum = 0;
    let pairs = 0;
    for (let a = 0; a < units.length; a++) {
      for (let b = a + 1; b < units.length; b++) {
        let dot = 0;
        for (let d = 0; d < units[a]!.length; d++) dot += units[a]![d]! * units[b]![d]!;
        sum += 1 - dot;
        pairs++;
      }
    }
    ild += sum / pairs;
    lists++;
  });
  const round = (x: number) => Number(x.toFixed(4));
  return { ild10: round(lists ? ild / lists : 0), coverage10: round(candidates.size ? shown.size / candidates.size : 0) };
}

/**
 * The scores re-ranked as the feed re-ranks them: relevance = sigmoid(score), then the product's MMR
 * (`defaultRankingConfig.mmrLambda`) over the whole impression. Returns new scores (higher = earlier).
 */
export function rerankWithMmr(impressions: readonly LabeledImpression[], scores: readonly number[][]): number[][] {
  return impressions.map((imp, i) => {
    const s = scores[i]!;
    const scored: ScoredCandidate[] = imp.candidates.map((candidate, j) => ({
      candidate,
      semantic: null,
      freshness: 0,
      popularity: 0,
      categoryAffinity: 0,
      editorialBoost: 1,
      pinned: false,
      relevance: computeSigmoid(s[j]!),
      index: j,
    }));
    const order = selectWithMmr(scored, defaultRankingConfig.mmrLambda, scored.length);
    const out = new Array<number>(s.length).fill(-Infinity);
    order.forEach((o, rank) => (out[o.scored.index!] = s.length - rank));
    return out;
  });
}

function topK(scores: readonly number[], k: number): number[] {
  return scores
    .map((s, j) => [s, j] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, j]) => j);
}
