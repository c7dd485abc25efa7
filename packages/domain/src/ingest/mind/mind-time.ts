// MIND writes times as `M/D/YYYY h:mm:ss AM` without a zone; Lede reads and writes them as UTC.

const mindTime = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/;

/** Parses a MIND time; undefined when the text is not one. */
export function parseMindTime(text: string): Date | undefined {
  const m = mindTime.exec(text.trim());
  if (!m) return undefined;
  const [, month, day, year, hour12, minute, second, half] = m.map((part) => part ?? '');
  const h = Number(hour12);
  if (h < 1 || h > 12) return undefined;
  const hour = (h % 12) + (half === 'PM' ? 12 : 0);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(minute), Number(second)));
  // Date.UTC rolls 2/31 over into March; a real MIND time never does.
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? date : undefined;
}

export function formatMindTime(date: Date): string {
  const h = date.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${h % 12 === 0 ? 12 : h % 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${clock} ${h < 12 ? 'AM' : 'PM'}`;
}
