import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatAge, formatDate } from '@lede/ui';

import { first, type TSearchParams } from '~/lib/search-params';
import { Pager } from '~/components/pager';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Readers' };

type TReader = RouterOutputs['admin']['readers']['list']['rows'][number];

const PAGE_SIZE = 50;
const kinds = [
  { value: 'all', label: 'Everyone' },
  { value: 'accounts', label: 'Reader accounts' },
  { value: 'anonymous', label: 'Anonymous visitors' },
  { value: 'simulated', label: 'Simulated readers' },
  { value: 'staff', label: 'Editors and admins' },
] as const;

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
  { key: 'seen', header: 'Last visit', render: (r) => (r.lastVisitAt ? formatAge(r.lastVisitAt) : '–') },
  { key: 'since', header: 'Since', render: (r) => formatDate(r.createdAt) },
];

export default async function ReadersPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  if (!(await getStaffUser())) return null;
  const sp = await searchParams;
  const query = first(sp.q)?.trim().slice(0, 200) ?? '';
  const kind = kinds.find((k) => k.value === first(sp.kind))?.value ?? 'all';
  const requested = Math.min(10_000, Math.max(1, Math.floor(Number(first(sp.page)) || 1)));
  const { rows, total } = await (await getApi()).admin.readers.list({ query, kind, page: requested, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hrefFor = (page: number) => `/readers?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(kind !== 'all' ? { kind } : {}), page: String(page) })}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Readers</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Browse readers, or find one by a piece of their email, id or external id (simulated readers are <code>sim:1</code>,{' '}
        <code>sim:2</code>, …), to see their history and the feed they would get now, with why each story is there.
      </p>
      <form role="search" action="/readers" className="mt-4 flex max-w-3xl flex-wrap gap-2">
        <label htmlFor="reader-q" className="sr-only">
          Find a reader
        </label>
        <input id="reader-q" name="q" type="search" defaultValue={query} placeholder="Email, id or sim:12" className="min-w-0 flex-1 rounded-md border border-rule bg-surface px-3 py-2" />
        <label htmlFor="reader-kind" className="sr-only">
          Kind of reader
        </label>
        <select id="reader-kind" name="kind" defaultValue={kind} className="rounded-md border border-rule bg-surface px-3 py-2">
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
          Find
        </button>
      </form>
      <p className="mt-4 text-sm text-ink-muted" aria-live="polite">
        {total.toLocaleString('en-US')} {total === 1 ? 'reader' : 'readers'}
        {query ? ` matching “${query}”` : ''}
      </p>
      <div className="mt-2">
        <DataTable label="Readers" columns={columns} rows={rows} rowKey={(r) => r.id} empty={query ? `No reader matches “${query}”.` : 'No readers of this kind yet.'} />
      </div>
      <Pager page={requested} pages={pages} hrefFor={hrefFor} />
    </>
  );
}
