import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatPercent } from '@lede/ui';

export type TDailyMetric = RouterOutputs['admin']['metrics']['daily'][number];

const nf = new Intl.NumberFormat('en-US');

const columns: Column<TDailyMetric>[] = [
  { key: 'day', header: 'Day', render: (r) => <time dateTime={r.day}>{r.day}</time> },
  { key: 'impressions', header: 'Impressions', align: 'right', render: (r) => nf.format(r.impressions) },
  { key: 'clicks', header: 'Clicks', align: 'right', render: (r) => nf.format(r.clicks) },
  { key: 'ctr', header: 'CTR', align: 'right', render: (r) => formatPercent(r.ctr, 2) },
  { key: 'readers', header: 'Readers', align: 'right', render: (r) => nf.format(r.readers) },
];

/** Newest day first: today's row is the one people look for. */
export function MetricsTable({ rows }: { rows: TDailyMetric[] }) {
  return (
    <DataTable
      label="Daily metrics"
      columns={columns}
      rows={[...rows].reverse()}
      rowKey={(r) => r.day}
      empty="No metrics yet: the worker aggregates impressions and clicks every minute."
    />
  );
}
