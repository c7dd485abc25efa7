import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';

import { LineChart } from '@lede/ui';

import { MetricsTable } from '~/components/metrics-table';
import { env } from '~/env';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Overview' };

const DAY_MS = 86_400_000;

function dayKey(date: Date) {
  return date.toISOString().slice(0, 10);
}

export default async function OverviewPage() {
  if (!(await getStaffUser())) return null;
  const from = dayKey(new Date(Date.now() - (env.LEDE_ADMIN_METRICS_DAYS - 1) * DAY_MS));
  let rows;
  try {
    rows = await (await getApi()).admin.metrics.daily({ from });
  } catch (err) {
    if (err instanceof TRPCError && err.code === 'FORBIDDEN') {
      return (
        <>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="mt-4 text-ink-muted">Click-through metrics are visible to admins only.</p>
        </>
      );
    }
    throw err;
  }

  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Impressions, clicks and click-through rate per day (UTC), last {env.LEDE_ADMIN_METRICS_DAYS} days, all model
        versions.
      </p>
      <section aria-labelledby="ctr-title" className="mt-6">
        <h2 id="ctr-title" className="mb-2 text-lg font-semibold">
          Click-through rate
        </h2>
        <LineChart label="Click-through rate per day" format="percent" data={rows.map((r) => ({ x: r.day.slice(5), y: r.ctr }))} />
      </section>
      <section aria-labelledby="daily-title" className="mt-8">
        <h2 id="daily-title" className="mb-2 text-lg font-semibold">
          Daily totals
        </h2>
        <MetricsTable rows={rows} />
      </section>
    </>
  );
}
