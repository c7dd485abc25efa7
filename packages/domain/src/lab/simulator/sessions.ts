import { dayMs } from '../../shared/demo-clock';
import { type SimArticle } from './corpus';
import { drawDistinct, drawInt, type Rng } from './prng';
import { computeAffinity, type SimReader } from './readers';
import { type Regime } from './regimes';
import { type TermVector } from './tfidf';

export interface SessionModel {
  articles: readonly SimArticle[];
  vectors: readonly TermVector[];
  /** Per-article appeal added to every reader's click odds: some stories are simply more clickable. */
  appeal: readonly number[];
  /** Candidates come from articles published in the last `poolDays` days. */
  poolDays: number;
  /** Click odds per unit of affinity. */
  affinityScale: number;
  /** Intercept of the click odds, set by calibration for the target click-through rate. */
  bias: number;
  /** What else drives clicks (regimes.ts); the original model when absent. */
  regime?: Pick<Regime, 'textWeight' | 'categoryWeight' | 'popularityWeight' | 'agePenaltyPerDay'>;
}

export interface SimImpression {
  /** 1-based, in time order. */
  id: number;
  reader: number;
  time: Date;
  /** Whole days since the epoch (UTC). */
  day: number;
  /** The reader's clicks before this impression, oldest first, at most 50 (article indices). */
  history: number[];
  shown: number[];
  clicked: boolean[];
  /**
   * Each shown card's click probability at the top of the list (the click model's own answer, position bias
   * aside): what a ranker that knew the model would rank by. Written beside the log (`click-probabilities.tsv`)
   * to measure the ceiling; never read by anything that trains or ranks.
   */
  probabilities: number[];
}

/** Examination probability by position: readers look at the top of a list far more than its end. */
export function computePositionBias(position: number): number {
  return 1 / (1 + position) ** 0.7;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Articles in the candidate window for `day`: [first, end) in publication order. */
export function findPoolRange(articles: readonly SimArticle[], day: number, poolDays: number): [number, number] {
  const lowerBound = (d: number) => {
    let lo = 0;
    let hi = articles.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((articles[mid]?.day ?? Infinity) < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lowerBound(day - poolDays + 1), lowerBound(day + 1)];
}

/**
 * 10–20 candidates from the window, the reader's past clicks excluded: 70% of the draw weight favours recent
 * articles, 30% the ones clicked most so far. The draw order is the shown order, so fresher and more popular
 * stories tend to sit on top, as in a non-personalised front page.
 */
export function drawCandidates(
  rng: Rng,
  model: SessionModel,
  range: [number, number],
  day: number,
  clicks: readonly number[],
  exclude: ReadonlySet<number>,
): number[] {
  const ids: number[] = [];
  for (let i = range[0]; i < range[1]; i++) if (!exclude.has(i)) ids.push(i);
  const recency = ids.map((i) => Math.exp(-(day - (model.articles[i]?.day ?? day)) / 2));
  const popularity = ids.map((i) => 1 + (clicks[i] ?? 0));
  const sumR = recency.reduce((a, b) => a + b, 0);
  const sumP = popularity.reduce((a, b) => a + b, 0);
  const weights = ids.map((_, k) => (0.7 * (recency[k] ?? 0)) / sumR + (0.3 * (popularity[k] ?? 0)) / sumP);
  return drawDistinct(rng, weights, drawInt(rng, 10, 20)).map((k) => ids[k] ?? 0);
}

/** Click odds without the calibrated intercept; `day` and `clicks` (so far) feed the regime's freshness and herding terms. */
export function computeBaseLogit(model: SessionModel, reader: SimReader, article: number, day?: number, clicks?: readonly number[]): number {
  const a = model.articles[article];
  const v = model.vectors[article];
  if (!a || !v) return -Infinity;
  const r = model.regime;
  const weights = r ? { text: r.textWeight, category: r.categoryWeight } : undefined;
  let logit = model.affinityScale * computeAffinity(reader, a, v, weights, day) + (model.appeal[article] ?? 0) + reader.clickiness;
  if (r?.popularityWeight) logit += r.popularityWeight * Math.log1p(clicks?.[article] ?? 0);
  if (r?.agePenaltyPerDay && day !== undefined) logit -= r.agePenaltyPerDay * Math.max(0, day - a.day);
  return logit;
}

interface Visit {
  reader: SimReader;
  time: number;
}

function planVisits(rng: Rng, readers: readonly SimReader[], day: number): Visit[] {
  const visits: Visit[] = [];
  for (const reader of readers) {
    if (rng() >= reader.activity) continue;
    const count = rng() < reader.activity * 0.3 ? 2 : 1;
    // Between 06:00 and 24:00 UTC, to the second.
    for (let v = 0; v < count; v++) visits.push({ reader, time: day * dayMs + (6 * 3600 + Math.floor(rng() * 18 * 3600)) * 1000 });
  }
  return visits.sort((a, b) => a.time - b.time || a.reader.id - b.reader.id);
}

/** Plays the days in time order; clicks feed popularity and each reader's history as they happen. */
export function runSessions(rng: Rng, model: SessionModel, readers: readonly SimReader[], days: number[]): SimImpression[] {
  const clicks = new Array<number>(model.articles.length).fill(0);
  const history = new Map(readers.map((r) => [r.id, [...r.seedHistory]]));
  const impressions: SimImpression[] = [];
  for (const day of days) {
    const range = findPoolRange(model.articles, day, model.poolDays);
    for (const { reader, time } of planVisits(rng, readers, day)) {
      const past = history.get(reader.id) ?? [];
      const shown = drawCandidates(rng, model, range, day, clicks, new Set(past));
      if (shown.length === 0) continue;
      const probabilities = shown.map((a) => sigmoid(computeBaseLogit(model, reader, a, day, clicks) + model.bias));
      const clicked = probabilities.map((p, pos) => rng() < computePositionBias(pos) * p);
      impressions.push({ id: impressions.length + 1, reader: reader.id, time: new Date(time), day, history: past.slice(-50), shown, clicked, probabilities });
      shown.forEach((a, pos) => {
        if (!clicked[pos]) return;
        clicks[a] = (clicks[a] ?? 0) + 1;
        past.push(a);
      });
    }
  }
  return impressions;
}
