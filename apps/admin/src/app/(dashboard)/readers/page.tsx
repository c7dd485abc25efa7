import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatDate } from '@lede/ui';

import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Readers' };

type TReader = RouterOutputs['admin']['readers']['search'][number];

const columns: Column<TReader>[] = [
  {
    key: 'reader',
    header: 'Reader',
    render: (r) => (
      <Link href={`/readers/${encodeURIComponent(r.id)}`} className="font-medium underline-offset-4 hover:underline">
        {r.email ?? r.externalId ?? r.id}
      </Link>
    ),
  },
  { key: 'id', header: 'Id', render: (r) => <span className="font-mono text-xs">{r.id}</span> },
  { key: 'external', header: 'External id', render: (r) => r.externalId ?? '–' },
  { key: 'role', header: 'Role', render: (r) => r.role.toLowerCase() + (r.isAnonymous ? ' (anonymous)' : '') },
  { key: 'since', header: 'Since', render: (r) => formatDate(r.createdAt) },
];

export default async function ReadersPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  if (!(await getStaffUser())) return null;
  const query = first((await searchParams).q)?.trim().slice(0, 200) ?? '';
  const rows = query ? await (await getApi()).admin.readers.search({ query }) : [];
  return (
    <>
      <h1 className="text-2xl font-semibold">Readers</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Find a reader by email, id or external id (simulated readers are <code>sim:0</code>, <code>sim:1</code>, …) to see
        their history and the feed they would get now, with why each story is there.
      </p>
      <form role="search" action="/readers" className="mt-4 flex max-w-xl gap-2">
        <label htmlFor="reader-q" className="sr-only">
          Find a reader
        </label>
        <input id="reader-q" name="q" type="search" defaultValue={query} placeholder="Email, id or sim:12" className="min-w-0 flex-1 rounded-md border border-rule bg-surface px-3 py-2" />
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
          Find
        </button>
      </form>
      {query ? (
        <div className="mt-4">
          <DataTable label="Readers" columns={columns} rows={rows} rowKey={(r) => r.id} empty={`No reader matches “${query}”.`} />
        </div>
      ) : null}
    </>
  );
}
