// The demo corpus ends in 2022; shifting it makes a fresh demo look live. Import and simulator share this math
// so simulated reading sessions line up with the stored publication dates.

export const dayMs = 86_400_000;

export function getStartOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / dayMs) * dayMs);
}

/**
 * The constant offset (ms) that moves `newest` onto the UTC day of `now`. Whole days, so date-only sources stay
 * on midnight and the result does not change between two runs on the same day (the simulator's files stay
 * byte-identical for a seed).
 */
export function computeDemoShiftMs(newest: Date, now: Date): number {
  return getStartOfUtcDay(now).getTime() - getStartOfUtcDay(newest).getTime();
}

/** `shiftToNow` option -> the reference "now", or undefined when no shift is wanted. */
export function resolveShiftNow(shiftToNow: boolean | Date | undefined): Date | undefined {
  if (shiftToNow instanceof Date) return shiftToNow;
  return shiftToNow ? new Date() : undefined;
}
