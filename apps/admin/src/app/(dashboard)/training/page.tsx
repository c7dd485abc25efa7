import type { Metadata } from 'next';
import Link from 'next/link';

import { formatDate } from '@lede/ui';

import { AdminsOnly } from '~/components/admins-only';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

import { RunComparison } from './run-comparison';
import { TrainingForm } from './training-form';

export const metadata: Metadata = { title: 'Training' };

export default async function TrainingPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') return <AdminsOnly title="Training" what="Fine-tuning runs of the user model" />;
  const api = await getApi();
  const [defaults, runs, comparison, schedule] = await Promise.all([
    api.admin.training.defaults({}),
    api.admin.training.list({}),
    api.admin.training.compare({}),
    api.admin.training.schedule({}),
  ]);
  const error = first((await searchParams).error);

  return (
    <>
      <h1 className="text-2xl font-semibold">Training</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Fine-tunes the user model (self-attention over a reader&apos;s clicked articles, and a news adapter) on logged
        clicks: each click against non-clicked articles of the same impression. The worker runs it on ONNX Runtime,
        evaluates it on the held-out days and registers a candidate version. Serving does not change until you promote it.
      </p>
      {error ? (
        <p role="alert" className="mt-4 rounded-md border border-rule bg-surface px-3 py-2 text-sm">
          {error}
        </p>
      ) : null}
      <section aria-labelledby="launch" className="mt-6">
        <h2 id="launch" className="text-lg font-semibold">
          New run
        </h2>
        <TrainingForm defaults={defaults} />
      </section>
      <section aria-labelledby="nightly" className="mt-8">
        <h2 id="nightly" className="text-lg font-semibold">
          Nightly retraining
        </h2>
        <p className="mt-1 text-sm text-ink-muted">
          {schedule.hourUtc === null
            ? 'Off (LEDE_RETRAIN_HOUR_UTC=-1).'
            : `The worker queues a run with the default settings each night from ${String(schedule.hourUtc).padStart(2, '0')}:00 UTC. Its candidate serves all traffic only when it is not worse than the active version on any held-out metric (AUC, MRR, nDCG@5, nDCG@10); otherwise it stays a candidate for you to review.`}
        </p>
        {schedule.decisions.length ? (
          <ul aria-label="Nightly decisions" className="mt-2 space-y-1 text-sm">
            {schedule.decisions.map((d) => (
              <li key={d.runId}>
                {formatDate(d.decidedAt)}:{' '}
                <Link className="underline" href={`/training/${d.runId}`}>
                  run {d.runId.slice(-8)}
                </Link>{' '}
                {d.promoted ? `promoted ${d.version ?? ''}` : `not promoted (${d.reasons.join('; ')})`}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <RunComparison rows={comparison} />
      <section aria-labelledby="runs" className="mt-8">
        <h2 id="runs" className="text-lg font-semibold">
          Runs
        </h2>
        {runs.length === 0 ? (
          <p className="mt-2 text-sm text-ink-muted">No runs yet.</p>
        ) : (
          <div role="region" aria-label="Training runs (scrolls sideways)" tabIndex={0} className="mt-2 overflow-x-auto">
          <table aria-label="Training runs" className="w-full min-w-[40rem] text-sm">
            <thead>
              <tr className="border-b border-rule text-left">
                <th scope="col" className="py-1 pr-4">Run</th>
                <th scope="col" className="py-1 pr-4">Status</th>
                <th scope="col" className="py-1 pr-4">Progress</th>
                <th scope="col" className="py-1 pr-4">Settings</th>
                <th scope="col" className="py-1 pr-4">Version</th>
                <th scope="col" className="py-1 pr-4">Created</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-b border-rule last:border-b-0">
                  <td className="py-1 pr-4">
                    <Link className="underline" href={`/training/${r.id}`}>
                      {r.id.slice(-8)}
                    </Link>
                  </td>
                  <td className="py-1 pr-4">{r.status}</td>
                  <td className="py-1 pr-4 tabular-nums">
                    {r.progress.totalSteps ? `${r.progress.step}/${r.progress.totalSteps}` : '–'}
                  </td>
                  <td className="py-1 pr-4">
                    {r.params.days} d, {r.params.epochs} ep, lr {r.params.lr}, K={r.params.negatives}
                  </td>
                  <td className="py-1 pr-4">{r.modelVersion ? `${r.modelVersion.id} (${r.modelVersion.status})` : '–'}</td>
                  <td className="py-1 pr-4">{formatDate(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
    </>
  );
}
