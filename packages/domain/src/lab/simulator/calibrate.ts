import { drawInt, type Rng } from './prng';
import { type SimReader } from './readers';
import { computeBaseLogit, computePositionBias, drawCandidates, findPoolRange, type SessionModel, sigmoid } from './sessions';

/**
 * The intercept that makes the expected click-through rate `target`, found on a pilot sample of visits (random
 * readers and days, no popularity yet) by bisection: expected CTR rises monotonically with the intercept.
 */
export function calibrateBias(
  rng: Rng,
  model: SessionModel,
  readers: readonly SimReader[],
  days: readonly number[],
  target: number,
  visits = 1500,
): number {
  const samples: { bias: number; logit: number }[] = [];
  const noClicks = new Array<number>(model.articles.length).fill(0);
  for (let v = 0; v < visits && readers.length > 0 && days.length > 0; v++) {
    const reader = readers[drawInt(rng, 0, readers.length - 1)];
    const day = days[drawInt(rng, 0, days.length - 1)];
    if (!reader || day === undefined) continue;
    const range = findPoolRange(model.articles, day, model.poolDays);
    const shown = drawCandidates(rng, model, range, day, noClicks, new Set(reader.seedHistory));
    shown.forEach((a, pos) => samples.push({ bias: computePositionBias(pos), logit: computeBaseLogit(model, reader, a) }));
  }
  if (samples.length === 0) return 0;
  const expectedCtr = (b: number) => samples.reduce((sum, s) => sum + s.bias * sigmoid(s.logit + b), 0) / samples.length;
  let lo = -30;
  let hi = 30;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (expectedCtr(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
