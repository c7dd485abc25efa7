import { type PopularityFacts } from './compute';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Popularity as the candidate pool computes it (impressions and clicks of the last 24 h at full weight, the
 * two days before at half weight; clicks in the last hour, day and week by distinct readers), but from a log
 * replayed in time order and asked "as of" a moment: only events before it count. This is what makes
 * training rows point in time.
 */
export class PopularityLog {
  private readonly shown = new Map<string, number[]>();
  private readonly clicks = new Map<string, { time: number; reader: string }[]>();
  private last = -Infinity;

  /** Events must come in time order (a log replay); an earlier one throws. */
  record(articleId: string, time: Date, reader: string, clicked: boolean): void {
    const t = time.getTime();
    if (t < this.last) throw new Error('PopularityLog.record: events out of time order');
    this.last = t;
    push(this.shown, articleId, t);
    if (clicked) push(this.clicks, articleId, { time: t, reader });
  }

  /** The counts serving would have had at `asOf`. */
  factsAt(articleId: string, asOf: Date): PopularityFacts {
    const at = asOf.getTime();
    const shown = this.shown.get(articleId) ?? [];
    const clicks = this.clicks.get(articleId) ?? [];
    const countShown = (from: number) => countBefore(shown, at, (t) => t) - countBefore(shown, from, (t) => t);
    const clickTime = (c: { time: number }) => c.time;
    const countClicks = (from: number) => countBefore(clicks, at, clickTime) - countBefore(clicks, from, clickTime);
    const readers = (from: number) => {
      const set = new Set<string>();
      for (let i = countBefore(clicks, from, clickTime); i < clicks.length && clicks[i]!.time < at; i++) set.add(clicks[i]!.reader);
      return set.size;
    };
    const day = countShown(at - DAY_MS);
    const threeDays = countShown(at - 3 * DAY_MS);
    const clicksDay = countClicks(at - DAY_MS);
    const clicksThree = countClicks(at - 3 * DAY_MS);
    return {
      impressions: day + 0.5 * (threeDays - day),
      clicks: clicksDay + 0.5 * (clicksThree - clicksDay),
      readers: { hour: readers(at - HOUR_MS), day: readers(at - DAY_MS), week: readers(at - 7 * DAY_MS) },
    };
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How many items have key < t (items sorted by key). */
function countBefore<T>(items: readonly T[], t: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distinct-reader click counts over the last hour, day and week before `now`, from (time, reader) clicks. */
export function countRecentReaders(clicks: Iterable<{ time: Date; reader: string }>, now: Date): { hour: number; day: number; week: number } {
  const at = now.getTime();
  const sets = { hour: new Set<string>(), day: new Set<string>(), week: new Set<string>() };
  for (const c of clicks) {
    const age = at - c.time.getTime();
    if (age < 0) continue;
    if (age < HOUR_MS) sets.hour.add(c.reader);
    if (age < DAY_MS) sets.day.add(c.reader);
    if (age < 7 * DAY_MS) sets.week.add(c.reader);
  }
  return { hour: sets.hour.size, day: sets.day.size, week: sets.week.size };
}
