import type { Metadata } from 'next';
import Link from 'next/link';

import { formatDate } from '@lede/ui';

import { AdminsOnly } from '~/components/admins-only';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

import { startTrainingAction } from './actions';

export const metadata: Metadata = { title: 'Training' };

const input = 'mt-1 w-28 rounded-md border border-rule bg-surface px-2 py-1 text-sm';

export default async function TrainingPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') return <AdminsOnly title="Training" what="Fine-tuning runs of the user model" />;
  const api = await getApi();
  const [defaults, runs] = await Promise.all([api.admin.training.defaults({}), api.admin.training.list({})]);
  const error = first((await searchParams).error);
  const fields: [keyof typeof defaults, string, string][] = [
    ['days', 'Data window (days)', '1'],
    ['heldOutDays', 'Held-out days', '1'],
    ['epochs', 'Epochs', '1'],
    ['lr', 'Learning rate', 'any'],
    ['negatives', 'Negatives per click', '1'],
    ['seed', 'Seed', '1'],
  ];

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
        <form action={startTrainingAction} className="mt-2 flex flex-wrap items-end gap-4">
          {fields.map(([name, label, step]) => (
            <label key={name} className="text-sm">
              {label}
              <input className={`block ${input}`} type="number" name={name} step={step} min={0} defaultValue={defaults[name]} />
            </label>
          ))}
          <button type="submit" className="rounded-md bg-ink px-3 py-1.5 text-sm font-medium text-paper">
            Start run
          </button>
        </form>
      </section>
      <section aria-labelledby="runs" className="mt-8">
        <h2 id="runs" className="text-lg font-semibold">
          Runs
        </h2>
        {runs.length === 0 ? (
          <p className="mt-2 text-sm text-ink-muted">No runs yet.</p>
        ) : (
          <table aria-label="Training runs" className="mt-2 w-full text-sm">
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
        )}
      </section>
    </>
  );
}
