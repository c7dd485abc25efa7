import type { Metadata } from 'next';

import type { RouterOutputs } from '@lede/api';
import { formatDate } from '@lede/ui';

import { AdminsOnly } from '~/components/admins-only';
import { PageNotices } from '~/components/page-notices';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';
import { promoteAction, rollbackAction, splitAction } from '~/server/model-actions';

export const metadata: Metadata = { title: 'Models' };

type TVersion = RouterOutputs['admin']['models']['list'][number];
type TMetrics = NonNullable<TVersion['own']>;

const metricColumns: [keyof TMetrics, string][] = [
  ['auc', 'AUC'],
  ['mrr', 'MRR'],
  ['ndcg5', 'nDCG@5'],
  ['ndcg10', 'nDCG@10'],
  ['recallAtK', 'Recall@K'],
];

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(4));
const button = 'rounded-md px-3 py-1.5 text-sm font-medium';

function OfflineMetricsTable({ version }: { version: TVersion }) {
  const rows = [...(version.own ? [{ name: version.id, metrics: version.own }] : []), ...version.baselines];
  if (!rows.length) return <p className="mt-2 text-sm text-ink-muted">No offline evaluation recorded for this version.</p>;
  return (
    // Six columns do not fit a phone: the table scrolls inside its own focusable box, not the page.
    <div role="region" aria-label={`Offline metrics of ${version.id} (scrolls sideways)`} tabIndex={0} className="mt-2 max-w-full overflow-x-auto">
    <table aria-label={`Offline metrics of ${version.id}`} className="w-full min-w-[32rem] text-sm">
      <thead>
        <tr className="border-b border-rule text-left">
          <th scope="col" className="py-1 pr-4 font-semibold">
            Ranker
          </th>
          {metricColumns.map(([, h]) => (
            <th key={h} scope="col" className="py-1 pr-4 text-right font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.name} className="border-b border-rule last:border-b-0">
            <th scope="row" className="py-1 pr-4 text-left font-normal">
              {i === 0 && version.own ? <strong>{r.name}</strong> : `${r.name} (baseline)`}
            </th>
            {metricColumns.map(([k]) => (
              <td key={k} className="py-1 pr-4 text-right tabular-nums">
                {fmt(r.metrics[k])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export default async function ModelsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') return <AdminsOnly title="Models" what="Model versions and traffic splits" />;
  const params = await searchParams;
  const versions = await (await getApi()).admin.models.list({});
  const notice = first(params.notice);
  const error = first(params.error);

  return (
    <>
      <h1 className="text-2xl font-semibold">Models</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Each reader is served by one active version (a stable hash of the reader picks the arm). Changes reach the feed
        within 5 seconds, without a restart, and are recorded in the audit log.
      </p>
      <PageNotices notice={notice} error={error} />

      <section aria-labelledby="split-title" className="mt-6 rounded-md border border-rule bg-surface p-4">
        <h2 id="split-title" className="text-lg font-semibold">
          Traffic split
        </h2>
        <form action={splitAction} className="mt-3 flex flex-wrap items-end gap-4 text-sm">
          {versions
            .filter((v) => v.status !== 'RETIRED' || v.trafficShare > 0 || versions.length <= 6)
            .map((v) => (
              <label key={v.id} className="font-medium break-all">
                {v.id} (%)
                <input
                  type="number"
                  name={`share:${v.id}`}
                  min={0}
                  max={100}
                  step={1}
                  defaultValue={Math.round(v.trafficShare * 100)}
                  className="mt-1 block w-24 rounded-md border border-rule bg-paper px-2 py-1.5"
                />
              </label>
            ))}
          <button type="submit" className={`${button} bg-ink text-paper hover:opacity-90`}>
            Set A/B split
          </button>
        </form>
        <form action={rollbackAction} className="mt-3">
          <button type="submit" className={`${button} border border-rule hover:border-ink`}>
            Roll back
          </button>
          <span className="ml-2 text-sm text-ink-muted">restores the split from before the last model change</span>
        </form>
      </section>

      <ul aria-label="Model versions" className="mt-6 space-y-4">
        {versions.map((v) => (
          <li key={v.id} id={`version-${v.id}`} className="min-w-0 scroll-mt-4 rounded-md border border-rule bg-surface p-4">
            <article aria-label={v.id}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h2 className="font-mono text-lg font-semibold break-all">{v.id}</h2>
                <span className="text-sm font-medium">
                  {v.status === 'ACTIVE' ? `Active · ${Math.round(v.trafficShare * 100)}% of traffic` : v.status === 'RETIRED' ? 'Retired' : 'Candidate'}
                </span>
                {v.status !== 'ACTIVE' || v.trafficShare < 1 ? (
                  <form action={promoteAction} className="ml-auto flex items-center gap-2">
                    <input type="hidden" name="id" value={v.id} />
                    {v.worseThanActive.length ? (
                      <label className="text-sm">
                        <input type="checkbox" name="confirmWorse" required className="mr-1" />
                        Worse than the active version on held-out days ({v.worseThanActive.join(', ')}): promote anyway
                      </label>
                    ) : null}
                    {/* The accessible name starts with the visible label (WCAG 2.5.3) and adds which version. */}
                    <button type="submit" className={`${button} border border-rule hover:border-ink`}>
                      Promote to all traffic<span className="sr-only"> ({v.id})</span>
                    </button>
                  </form>
                ) : null}
              </div>
              {v.description ? <p className="mt-1 text-sm">{v.description}</p> : null}
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="text-ink-muted">Encoder</dt>
                <dd className="font-mono text-xs break-all">{v.encoderVersion}</dd>
                <dt className="text-ink-muted">Provenance</dt>
                <dd className="font-mono text-xs break-all">{v.provenance}</dd>
                <dt className="text-ink-muted">Created</dt>
                <dd>{formatDate(v.createdAt)}{v.promotedAt ? ` · last promoted ${formatDate(v.promotedAt)}` : ''}</dd>
              </dl>
              <OfflineMetricsTable version={v} />
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
