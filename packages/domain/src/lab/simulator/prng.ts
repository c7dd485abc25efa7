// Seeded randomness for the simulator: the same seed gives the same readers, sessions and files.

import { createRng } from '@lede/ranking/training';

export type Rng = () => number;

/** mulberry32 (ranking's seeded generator): tiny, fast, good enough for simulation (not for secrets). */
export { createRng };

/**
 * An independent stream per purpose (readers, sessions, calibration): changing how many numbers one part draws
 * does not reshuffle the others.
 */
export function deriveRng(seed: number, label: string): Rng {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return createRng(h >>> 0);
}

export function drawInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Index drawn with probability proportional to its weight (weights >= 0, not all 0). */
export function drawWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Standard normal (Box–Muller). */
export function drawNormal(rng: Rng): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * k distinct indices, each drawn with probability proportional to weight among those left (Efraimidis–Spirakis
 * keys: u^(1/w), largest first).
 */
export function drawDistinct(rng: Rng, weights: readonly number[], k: number): number[] {
  const keyed = weights.map((w, i) => ({ i, key: w > 0 ? Math.log(1 - rng()) / w : -Infinity }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed.filter((x) => x.key > -Infinity).slice(0, k).map((x) => x.i);
}
