// The demo corpus spans 2018-02 to 2022-09; moving it into the present makes a fresh demo look live. Import and
// simulator share this math so simulated reading sessions line up with the stored publication dates.

import { DAY_MS as dayMs } from './time';

// Kept under its old name for the simulator's imports.
export { dayMs };

/**
 * Days the demo corpus is spread over, newest on today's date: inside the feed's default 30-day pool window
 * (LEDE_POOL_DAYS) with two days to spare, so a demo set up today still holds every story the day after tomorrow.
 */
export const DEMO_SPREAD_DAYS = 28;

export function getStartOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / dayMs) * dayMs);
}

/** `shiftToNow` option -> the reference "now", or undefined when no shift is wanted. */
export function resolveShiftNow(shiftToNow: boolean | Date | undefined): Date | undefined {
  if (shiftToNow instanceof Date) return shiftToNow;
  return shiftToNow ? new Date() : undefined;
}

/**
 * Maps a corpus date into the last `DEMO_SPREAD_DAYS` days before `now`, linearly and keeping the order: the
 * newest story lands on the start of today (UTC), the oldest `DEMO_SPREAD_DAYS` days earlier. A plain shift of
 * the 4.5 years of HuffPost headlines put only a few hundred of the 13,445 inside the 30-day pool (Sports held
 * 7); spread, every one is inside it. Anchored on the UTC day of `now`, so two runs on the same day give the
 * same dates (the simulator's files stay byte-identical for a seed).
 */
export function createDemoSpread(range: { oldest: Date; newest: Date }, now: Date): (published: Date) => Date {
  const end = getStartOfUtcDay(now).getTime();
  const newest = range.newest.getTime();
  const span = newest - range.oldest.getTime();
  const scale = span > 0 ? (DEMO_SPREAD_DAYS * dayMs) / span : 0;
  return (published) => new Date(end - Math.round((newest - published.getTime()) * scale));
}
