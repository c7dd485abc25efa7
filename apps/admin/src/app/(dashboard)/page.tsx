import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { formatAge, formatPercent, LineChart } from '@lede/ui';

import { MetricsTable } from '~/components/metrics-table';
import { env } from '~/env';
import { daysAgo } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Overview' };

type TOverview = RouterOutputs['admin']['metrics']['overview'];

const nf = new Intl.NumberFormat('en-US');

function Tile({ title, value, detail }: { title: string; value: string; detail: string }) {
  return (
    <div className="rounded-md border border-rule bg-surface p-4">
      <dt className="text-sm text-ink-muted">{title}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="mt-1 text-sm text-ink-muted">{detail}</dd>
    </div>
  );
}

function describeTrend(o: TOverview) {
  const { week, previousWeek } = o.ctr;
  if (!previousWeek.impressions) return 'no impressions the week before';
  const points = (week.ctr - previousWeek.ctr) * 100;
  const arrow = points > 0 ? '▲' : points < 0 ? '▼' : '–';
  return `${arrow} ${Math.abs(points).toFixed(2)} points vs the week before (${formatPercent(previousWeek.ctr, 2)})`;
}

function Health({ ok, label, detail }: { ok: boolean; label: string; detail: string }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-2">
      <span className={`font-semibold ${ok ? 'text-ink' : 'text-danger'}`}>{ok ? '● OK' : '● Needs attention'}</span>
      <span className="font-medium">{label}</span>
      <span className="text-sm text-ink-muted">{detail}</span>
    </li>
  );
}

export default async function OverviewPage() {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') {
    return (
      <>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="mt-4 text-ink-muted">
          Readers, click-through and system health are visible to admins only. Editors start from{' '}
          <Link href="/articles" className="underline">
            Articles
          </Link>{' '}
          or{' '}
          <Link href="/readers" className="underline">
            Readers
          </Link>
          .
        </p>
      </>
    );
  }
  const api = await getApi();
  const [o, daily] = await Promise.all([api.admin.metrics.overview({}), api.admin.metrics.daily({ from: daysAgo(env.LEDE_ADMIN_METRICS_DAYS - 1) })]);
  const { catalogue } = o;
  const coverage = catalogue.published ? catalogue.withVector / catalogue.published : 0;

  return (
    <>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="mt-1 text-sm text-ink-muted">Today (UTC) and the last 7 days, all model versions.</p>
      <dl aria-label="Key figures" className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Tile title="Active readers today" value={nf.format(o.readers.today)} detail={`${nf.format(o.readers.week)} in the last 7 days`} />
        <Tile title="CTR today" value={formatPercent(o.ctr.today.ctr, 2)} detail={`${nf.format(o.ctr.today.clicks)} clicks of ${nf.format(o.ctr.today.impressions)} impressions`} />
        <Tile title="CTR, last 7 days" value={formatPercent(o.ctr.week.ctr, 2)} detail={describeTrend(o)} />
        <Tile
          title="Catalogue coverage"
          value={formatPercent(coverage, 1)}
          detail={`${nf.format(catalogue.withVector)} of ${nf.format(catalogue.published)} published articles embedded; ${nf.format(catalogue.inPool)} in the ${catalogue.poolDays}-day pool, ${catalogue.sections} sections`}
        />
      </dl>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="service-title">
          <h2 id="service-title" className="text-lg font-semibold">
            In service
          </h2>
          <ul aria-label="Active model versions" className="mt-2 space-y-1">
            {o.models.length ? (
              o.models.map((m) => (
                <li key={m.id}>
                  <Link href={`/models#version-${encodeURIComponent(m.id)}`} className="font-mono underline-offset-4 hover:underline">
                    {m.id}
                  </Link>{' '}
                  <span className="text-sm text-ink-muted">{Math.round(m.trafficShare * 100)}% of readers{m.promotedAt ? `, promoted ${formatAge(m.promotedAt)}` : ''}</span>
                </li>
              ))
            ) : (
              <li className="text-ink-muted">No version promoted: the built-in baseline serves everyone.</li>
            )}
          </ul>
        </section>
        <section aria-labelledby="health-title">
          <h2 id="health-title" className="text-lg font-semibold">
            Health
          </h2>
          <ul aria-label="System health" className="mt-2 space-y-1">
            <Health ok={o.worker.healthy} label="Worker" detail={o.worker.lastAggregateAt ? `metrics aggregated ${formatAge(o.worker.lastAggregateAt)}` : 'has not aggregated metrics yet'} />
            <Health
              ok={o.encoder.healthy}
              label="Encoder"
              detail={o.encoder.model ? `${o.encoder.model} on ${o.encoder.device ?? 'an unreported device'}${o.encoder.reportedAt ? `, reported ${formatAge(o.encoder.reportedAt)}` : ''}` : 'no encoder installed: ranking runs without vectors'}
            />
          </ul>
        </section>
      </div>

      <section aria-labelledby="ctr-title" className="mt-8">
        <h2 id="ctr-title" className="mb-2 text-lg font-semibold">
          Click-through rate per day
        </h2>
        <LineChart label="Click-through rate per day" format="percent" data={daily.map((r) => ({ x: r.day.slice(5), y: r.ctr }))} />
        <p className="mt-1 text-sm text-ink-muted">
          n = {nf.format(daily.reduce((s, r) => s + r.impressions, 0))} impressions over the last {env.LEDE_ADMIN_METRICS_DAYS} days. More in{' '}
          <Link href="/metrics" className="underline">
            Metrics
          </Link>
          .
        </p>
      </section>
      <section aria-labelledby="daily-title" className="mt-8">
        <h2 id="daily-title" className="mb-2 text-lg font-semibold">
          Daily totals
        </h2>
        <MetricsTable rows={daily} />
      </section>
    </>
  );
}
