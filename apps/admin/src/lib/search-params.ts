export type TSearchParams = Record<string, string | string[] | undefined>;

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

const DAY_MS = 86_400_000;

export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` search parameter, or the fallback when missing or malformed. */
export function dayParam(v: string | string[] | undefined, fallback: string): string {
  const s = first(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : fallback;
}

export function daysAgo(days: number, now = new Date()): string {
  return dayKey(new Date(now.getTime() - days * DAY_MS));
}

/** A text field of a submitted form ('' when missing or a file). */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
