import type { Metadata } from 'next';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatPercent, MultiLineChart } from '@lede/ui';

import { AbReadout } from '~/components/ab-readout';
import { AdminsOnly } from '~/components/admins-only';
import { MetricsFilters } from '~/components/metrics-filters';
import { dayParam, daysAgo, first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Metrics' };

type TRow = RouterOutputs['admin']['metrics']['series'][number];

const nf = new Intl.NumberFormat('en-US');
/** Charts show the busiest series; the table and the CSV have all of them. */
const MAX_CHART_SERIES = 8;
const seriesName = { total: 'All traffic', modelVersion: 'Model version', category: 'Category' } as const;

const columns: Column<TRow>[] = [
  { key: 'period', header: 'Period', render: (r) => <time dateTime={r.period}>{r.period.replace('T', ' ') + (r.period.length > 10 ? ':00' : '')}</time> },
  { key: 'series', header: 'Series', render: (r) => (r.series === '*' ? 'All' : r.series) },
  { key: 'impressions', header: 'Impressions', align: 'right', render: (r) => nf.format(r.impressions) },
  { key: 'clicks', header: 'Clicks', align: 'right', render: (r) => nf.format(r.clicks) },
  { key: 'ctr', header: 'CTR', align: 'right', render: (r) => formatPercent(r.ctr, 2) },
  { key: 'recall', header: 'Recall@10', align: 'right', render: (r) => (r.recall === null ? '–' : formatPercent(r.recall, 1)) },
  { key: 'readers', header: 'Readers', align: 'right', render: (r) => nf.format(r.readers) },
];

function pivot(rows: TRow[], series: string[], value: (r: TRow) => number | null) {
  const byPeriod = new Map<string, Record<string, string | number | null>>();
  for (const r of rows) {
    if (!series.includes(r.series)) continue;
    let point = byPeriod.get(r.period);
    if (!point) byPeriod.set(r.period, (point = { x: r.period.length > 10 ? r.period.slice(5).replace('T', ' ') + 'h' : r.period.slice(5) }));
    point[r.series] = value(r);
  }
  return [...byPeriod.values()];
}

export default async function MetricsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') return <AdminsOnly title="Metrics" what="Click-through and recall metrics" />;
  const params = await searchParams;
  const granularity = first(params.granularity) === 'hour' ? 'hour' : 'day';
  const by = (['total', 'modelVersion', 'category'] as const).find((b) => b === first(params.by)) ?? 'total';
  const to = dayParam(params.to, daysAgo(0));
  const from = dayParam(params.from, daysAgo(granularity === 'hour' ? 1 : 13));
  const query = { from, to, granularity, by } as const;

  let rows: TRow[];
  let error: string | null = null;
  const api = await getApi();
  const readout = await api.admin.metrics.abReadout({ from, to });
  try {
    rows = await api.admin.metrics.series(query);
  } catch (err) {
    rows = [];
    error = err instanceof Error ? err.message : 'Could not load metrics';
  }
  const volume = new Map<string, number>();
  for (const r of rows) volume.set(r.series, (volume.get(r.series) ?? 0) + r.impressions);
  const series = [...volume].sort((a, b) => b[1] - a[1]).slice(0, MAX_CHART_SERIES).map(([s]) => s);
  // Sample sizes under each chart: the shown series' totals over the range.
  const shown = rows.filter((r) => series.includes(r.series));
  const total = (pick: (r: TRow) => number) => nf.format(shown.reduce((s, r) => s + pick(r), 0));
  const sample = (what: string) => <p className="mt-1 text-sm text-ink-muted">n = {what} in the range, all series shown</p>;
  const label = (s: string) => (s === '*' ? 'All' : s);
  const named = series.map(label);
  const rename = (points: Record<string, string | number | null>[]) =>
    points.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k === 'x' ? k : label(k), v])));
  const unit = granularity === 'hour' ? 'hour' : 'day';
  const csvHref = `/metrics/export?${new URLSearchParams(query)}`;

  return (
    <>
      <h1 className="text-2xl font-semibold">Metrics</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Click-through rate and Recall@10 per {unit} (UTC), {seriesName[by].toLowerCase()}
        {by === 'modelVersion' ? ' (each A/B arm is a model version)' : ''}. Recall@10: of the articles a reader clicked in
        a {unit}, the share that were among the first 10 cards of their feeds that {unit}.
      </p>
      <MetricsFilters from={from} to={to} granularity={granularity} by={by} csvHref={csvHref} />
      {error ? (
        <p role="alert" className="mt-4 font-medium text-danger">
          {error}
        </p>
      ) : null}
      <AbReadout readout={readout} />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="ctr-chart">
          <h2 id="ctr-chart" className="mb-2 text-lg font-semibold">
            Click-through rate
          </h2>
          <MultiLineChart legend={by !== 'total'} label={`Click-through rate per ${unit}`} format="percent" series={named} data={rename(pivot(rows, series, (r) => r.ctr))} />
          {sample(`${total((r) => r.impressions)} impressions, ${total((r) => r.clicks)} clicks`)}
        </section>
        <section aria-labelledby="recall-chart">
          <h2 id="recall-chart" className="mb-2 text-lg font-semibold">
            Recall@10
          </h2>
          <MultiLineChart legend={by !== 'total'} label={`Recall at 10 per ${unit}`} format="percent" series={named} data={rename(pivot(rows, series, (r) => r.recall))} />
          {sample(`${total((r) => r.recallClicks)} clicked articles`)}
        </section>
        <section aria-labelledby="imp-chart">
          <h2 id="imp-chart" className="mb-2 text-lg font-semibold">
            Impressions
          </h2>
          <MultiLineChart legend={by !== 'total'} label={`Impressions per ${unit}`} series={named} data={rename(pivot(rows, series, (r) => r.impressions))} />
          {sample(`${total((r) => r.impressions)} impressions`)}
        </section>
        <section aria-labelledby="click-chart">
          <h2 id="click-chart" className="mb-2 text-lg font-semibold">
            Clicks
          </h2>
          <MultiLineChart legend={by !== 'total'} label={`Clicks per ${unit}`} series={named} data={rename(pivot(rows, series, (r) => r.clicks))} />
          {sample(`${total((r) => r.clicks)} clicks`)}
        </section>
      </div>
      <section aria-labelledby="metrics-table" className="mt-8">
        <h2 id="metrics-table" className="mb-2 text-lg font-semibold">
          Data
        </h2>
        <DataTable label="Metric series" columns={columns} rows={[...rows].reverse()} rowKey={(r) => `${r.period}|${r.series}`} empty="No impressions in this range." />
      </section>
    </>
  );
}
