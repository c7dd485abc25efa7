import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { AdminsOnly } from '~/components/admins-only';
import { getApi, getStaffUser } from '~/server/caller';

import { RunView } from './run-view';

export const metadata: Metadata = { title: 'Training run' };

export default async function TrainingRunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') return <AdminsOnly title="Training" what="Fine-tuning runs of the user model" />;
  const { id } = await params;
  const run = await (await getApi()).admin.training.get({ id }).catch(() => null);
  if (!run) notFound();
  return (
    <>
      <p className="text-sm">
        <Link className="underline" href="/training">
          ← Training
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Run {id.slice(-8)}</h1>
      <RunView initial={run} />
    </>
  );
}
