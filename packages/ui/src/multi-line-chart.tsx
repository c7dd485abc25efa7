'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface MultiLineChartProps {
  /** Accessible name; the chart is an image to assistive technology, so pair it with a table of the data. */
  label: string;
  /** One row per x value: `{ x: '2026-03-01', seriesA: 0.04, seriesB: null }`; null leaves a gap. */
  data: Record<string, string | number | null>[];
  series: string[];
  format?: 'number' | 'percent';
  height?: number;
  /** Name the series under the chart; by default only when there are several. */
  legend?: boolean;
}

// Distinguishable in light and dark schemes; the first is close to the accent.
const palette = ['#c0392b', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

const formatters = {
  number: (v: number) => v.toLocaleString('en-US'),
  percent: (v: number) => `${(v * 100).toFixed(1)}%`,
};

/** Several series over the same x axis (one per model version, category…), with a legend. */
export function MultiLineChart({ label, data, series, format = 'number', height = 260, legend = series.length > 1 }: MultiLineChartProps) {
  const fmt = formatters[format];
  return (
    <figure role="img" aria-label={label} className="rounded-md border border-rule bg-surface p-3">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--lede-rule)" strokeDasharray="3 3" />
          <XAxis dataKey="x" stroke="var(--lede-ink-muted)" fontSize={12} tickLine={false} minTickGap={16} />
          <YAxis stroke="var(--lede-ink-muted)" fontSize={12} tickFormatter={fmt} width={56} tickLine={false} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
            contentStyle={{ background: 'var(--lede-surface)', border: '1px solid var(--lede-rule)', color: 'var(--lede-ink)' }}
          />
          {legend ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s, i) => (
            <Line key={s} type="monotone" dataKey={s} name={s} stroke={palette[i % palette.length]} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
