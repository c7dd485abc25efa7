'use client';

import { CartesianGrid, Line, LineChart as RechartsLineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LineChartPoint {
  x: string;
  y: number;
}

export interface LineChartProps {
  /** Accessible name; the chart is an image to assistive technology, so pair it with a table of the data. */
  label: string;
  data: LineChartPoint[];
  /** How y values are shown on the axis and in the tooltip. */
  format?: 'number' | 'percent';
  height?: number;
}

const formatters = {
  number: (v: number) => v.toLocaleString('en-US'),
  percent: (v: number) => `${(v * 100).toFixed(1)}%`,
};

/** A single-series line chart in the accent colour, sized to its container. */
export function LineChart({ label, data, format = 'number', height = 220 }: LineChartProps) {
  const fmt = formatters[format];
  return (
    <figure role="img" aria-label={label} className="rounded-md border border-rule bg-surface p-3">
      <ResponsiveContainer width="100%" height={height}>
        <RechartsLineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--lede-rule)" strokeDasharray="3 3" />
          <XAxis dataKey="x" stroke="var(--lede-ink-muted)" fontSize={12} tickLine={false} />
          <YAxis stroke="var(--lede-ink-muted)" fontSize={12} tickFormatter={fmt} width={56} tickLine={false} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
            contentStyle={{ background: 'var(--lede-surface)', border: '1px solid var(--lede-rule)', color: 'var(--lede-ink)' }}
          />
          <Line type="monotone" dataKey="y" name={label} stroke="var(--lede-accent)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </RechartsLineChart>
      </ResponsiveContainer>
    </figure>
  );
}
