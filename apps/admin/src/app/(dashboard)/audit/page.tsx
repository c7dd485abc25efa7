import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable } from '@lede/ui';

import { dayParam, first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Audit log' };

type TEntry = RouterOutputs['admin']['audit']['list']['rows'][number];

const PAGE_SIZE = 50;
const areas = [
  { value: '', label: 'Everything' },
  { value: 'article.', label: 'Editorial' },
  { value: 'model.', label: 'Models' },
  { value: 'training.', label: 'Training' },
  { value: 'upload.', label: 'Uploads' },
  { value: 'encoder.', label: 'Encoder' },
];
const input = 'mt-1 block rounded-md border border-rule bg-surface px-2 py-1.5';

function link(href: string, text: string, key?: string): ReactNode {
  return (
    <Link key={key} href={href} className="underline underline-offset-4">
      {text}
    </Link>
  );
}

/** The target as a link to what it names: an article, model version(s), reader or training run. */
function renderTarget(e: TEntry): ReactNode {
  const id = encodeURIComponent(e.target);
  // A deleted draft has no page left to link to.
  if (e.targetKind === 'article') return e.action === 'article.delete' ? `article ${e.target} (deleted)` : link(`/articles/${id}`, `article ${e.target}`);
  if (e.targetKind === 'reader') return link(`/readers/${id}`, `reader ${e.target}`);
  if (e.targetKind === 'training') return link(`/training/${id}`, `run ${e.target}`);
  // A split names its arms separated by commas.
  if (e.targetKind === 'model')
    return e.target.split(',').flatMap((v, i) => [i ? ', ' : '', link(`/models#version-${encodeURIComponent(v)}`, `version ${v}`, v)]);
  return e.target;
}

const columns: Column<TEntry>[] = [
  {
    key: 'when',
    header: 'When (UTC)',
    render: (e) => (
      <time dateTime={e.createdAt.toISOString()} className="whitespace-nowrap">
        {e.createdAt.toISOString().slice(0, 19).replace('T', ' ')}
      </time>
    ),
  },
  {
    key: 'who',
    header: 'Who',
    render: (e) => e.actor ?? (e.action.startsWith('training.') ? 'nightly schedule or deleted account' : 'deleted account'),
  },
  {
    key: 'what',
    header: 'What',
    render: (e) => <span className="font-mono text-xs">{e.action}</span>,
  },
  {
    key: 'target',
    header: 'Target',
    render: (e) => <span className="text-xs break-all">{renderTarget(e)}</span>,
  },
  {
    key: 'details',
    header: 'Details',
    render: (e) => <span className="text-xs break-words">{e.summary || '–'}</span>,
  },
];

export default async function AuditPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  if (!(await getStaffUser())) return null;
  const sp = await searchParams;
  const action = areas.find((a) => a.value === first(sp.action))?.value ?? '';
  const actor = first(sp.actor)?.trim().slice(0, 200) ?? '';
  const from = dayParam(sp.from, '');
  const to = dayParam(sp.to, '');
  const page = Math.max(1, Math.floor(Number(first(sp.page)) || 1));
  const { total, rows } = await (
    await getApi()
  ).admin.audit.list({
    action: action || undefined,
    actor: actor || undefined,
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    to: to ? new Date(`${to}T23:59:59.999Z`) : undefined,
    page: Math.min(page, 10_001) - 1,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filters = {
    ...(action ? { action } : {}),
    ...(actor ? { actor } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const href = (p: number) => `/audit?${new URLSearchParams({ ...filters, page: String(p) })}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-ink-muted">Who changed what, and when: editorial changes, imports, training and model changes.</p>
      <form action="/audit" aria-label="Filter the audit log" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="font-medium">
          Who (email contains)
          <input name="actor" type="search" defaultValue={actor} className={`${input} w-56`} />
        </label>
        <label className="font-medium">
          What
          <select name="action" defaultValue={action} className={input}>
            {areas.map((a) => (
              <option key={a.label} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          From
          <input name="from" type="date" defaultValue={from} className={input} />
        </label>
        <label className="font-medium">
          To
          <input name="to" type="date" defaultValue={to} className={input} />
        </label>
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
          Filter
        </button>
      </form>
      <p className="mt-4 text-sm text-ink-muted" aria-live="polite">
        {total.toLocaleString('en-US')} {total === 1 ? 'entry' : 'entries'}
      </p>
      <div className="mt-2">
        <DataTable label="Audit log" columns={columns} rows={rows} rowKey={(e) => e.id} empty="Nothing recorded for these filters." />
      </div>
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        {page > 1 ? <Link href={href(page - 1)}>← Newer</Link> : <span />}
        <span className="text-ink-muted">
          Page {Math.min(page, pages)} of {pages}
        </span>
        {page < pages ? <Link href={href(page + 1)}>Older →</Link> : <span />}
      </nav>
    </>
  );
}
