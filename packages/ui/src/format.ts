const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Short relative age for a card ("just now", "5 min ago", "3 h ago", "2 d ago"), falling back to a date
 * after a week. `now` is passed in so server and client render the same text.
 */
export function formatAge(date: Date, now: Date = new Date()): string {
  const ms = now.getTime() - date.getTime();
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 7 * DAY) return `${Math.floor(ms / DAY)} d ago`;
  return formatDate(date);
}

/** Calendar date in UTC, e.g. "12 Mar 2026", stable between server and browser. */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatPercent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** Section names arrive upper-case from feeds: "U.S. NEWS" -> "U.S. News", "FOOD & DRINK" -> "Food & Drink". */
export function formatCategory(name: string): string {
  return name.toLowerCase().replace(/(^|[\s.&/-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}
