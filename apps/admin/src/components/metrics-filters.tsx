const field = 'mt-1 block rounded-md border border-rule bg-surface px-3 py-2';

interface MetricsFiltersProps {
  from: string;
  to: string;
  granularity: 'day' | 'hour';
  by: 'total' | 'modelVersion' | 'category';
  csvHref: string;
}

/** The date-range picker and breakdown: a GET form, so every view has a shareable URL. */
export function MetricsFilters({ from, to, granularity, by, csvHref }: MetricsFiltersProps) {
  return (
    <form action="/metrics" className="mt-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Metrics range">
      <label className="font-medium">
        From
        <input type="date" name="from" defaultValue={from} className={field} required />
      </label>
      <label className="font-medium">
        To
        <input type="date" name="to" defaultValue={to} className={field} required />
      </label>
      <label className="font-medium">
        Buckets
        <select name="granularity" defaultValue={granularity} className={field}>
          <option value="day">Days</option>
          <option value="hour">Hours (up to 7 days)</option>
        </select>
      </label>
      <label className="font-medium">
        Break down by
        <select name="by" defaultValue={by} className={field}>
          <option value="total">Nothing (totals)</option>
          <option value="modelVersion">Model version (A/B arm)</option>
          <option value="category">Category</option>
        </select>
      </label>
      <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
        Show
      </button>
      <a href={csvHref} download className="rounded-md border border-rule px-4 py-2 font-medium hover:border-ink">
        Download CSV
      </a>
    </form>
  );
}
