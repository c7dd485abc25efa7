import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable } from '@lede/ui';

import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Audit log' };

type TEntry = RouterOutputs['admin']['audit']['list']['rows'][number];

const PAGE_SIZE = 50;
const areas = [
  { value: '', label: 'Everything' },
  { value: 'article.', label: 'Editorial' },
  { value: 'model.', label: 'Models' },
  { value: 'upload.', label: 'Uploads' },
];

function targetLink(e: TEntry) {
  if (e.action.startsWith('article.')) {
    return (
      <Link href={`/articles/${encodeURIComponent(e.target)}`} className="underline-offset-4 hover:underline">
        {e.target}
      </Link>
    );
  }
  return e.target;
}

const columns: Column<TEntry>[] = [
  { key: 'when', header: 'When (UTC)', render: (e) => <time dateTime={e.createdAt.toISOString()} className="whitespace-nowrap">{e.createdAt.toISOString().slice(0, 19).replace('T', ' ')}</time> },
  { key: 'who', header: 'Who', render: (e) => e.actor ?? 'deleted account' },
  { key: 'what', header: 'What', render: (e) => <span className="font-mono text-xs">{e.action}</span> },
  { key: 'target', header: 'Target', render: (e) => <span className="font-mono text-xs break-all">{targetLink(e)}</span> },
  { key: 'details', header: 'Details', render: (e) => <span className="font-mono text-xs break-all">{e.details}</span> },
];

export default async function AuditPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  if (!(await getStaffUser())) return null;
  const sp = await searchParams;
  const action = areas.find((a) => a.value === first(sp.action))?.value ?? '';
  const page = Math.max(1, Math.floor(Number(first(sp.page)) || 1));
  const { total, rows } = await (await getApi()).admin.audit.list({ action: action || undefined, page: Math.min(page, 10_001) - 1, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: number) => `/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(p) })}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-ink-muted">Who changed what, and when: editorial changes, imports and model changes.</p>
      <nav aria-label="Audit areas" className="mt-4 flex flex-wrap gap-2 text-sm">
        {areas.map((a) => (
          <Link
            key={a.label}
            href={a.value ? `/audit?action=${a.value}` : '/audit'}
            aria-current={a.value === action ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 font-medium ${a.value === action ? 'bg-ink text-paper' : 'border border-rule hover:border-ink'}`}
          >
            {a.label}
          </Link>
        ))}
      </nav>
      <div className="mt-4">
        <DataTable label="Audit log" columns={columns} rows={rows} rowKey={(e) => e.id} empty="Nothing recorded yet." />
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
