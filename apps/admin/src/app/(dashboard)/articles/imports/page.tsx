import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable } from '@lede/ui';

import { Pager } from '~/components/pager';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Import history' };

type TImport = RouterOutputs['admin']['imports']['list']['rows'][number];

const PAGE_SIZE = 50;
const OUTCOMES: Record<TImport['status'], string> = { QUEUED: 'Queued', RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed' };
const FORMATS: Record<string, string> = { jsonl: 'JSONL', feed: 'RSS/Atom', mind: 'MIND', 'mind-zip': 'MIND (.zip)', 'mind-splits': 'MIND splits' };
const n = (v: number) => v.toLocaleString('en-US');

const columns: Column<TImport>[] = [
  {
    key: 'when',
    header: 'When (UTC)',
    render: (r) => (
      <time dateTime={r.createdAt.toISOString()} className="whitespace-nowrap">
        {r.createdAt.toISOString().slice(0, 19).replace('T', ' ')}
      </time>
    ),
  },
  { key: 'who', header: 'Who', render: (r) => r.actor ?? (r.origin === 'cli' ? 'command line' : 'deleted account') },
  {
    key: 'file',
    header: 'File',
    render: (r) => (
      <>
        <span className="font-medium">{r.fileName}</span>
        <span className="block text-xs text-ink-muted">
          {FORMATS[r.format] ?? r.format}
          {r.skipInvalid ? ' · skip invalid items' : ''}
        </span>
      </>
    ),
  },
  {
    key: 'outcome',
    header: 'Outcome',
    render: (r) => (
      <>
        <span className={r.status === 'FAILED' ? 'font-medium text-danger' : 'font-medium'}>{OUTCOMES[r.status]}</span>
        {r.error ? <span className="mt-1 block max-w-md whitespace-pre-line text-xs">{r.error}</span> : null}
      </>
    ),
  },
  {
    key: 'counts',
    header: 'Imported',
    render: (r) =>
      r.status === 'SUCCEEDED' ? (
        <span className="whitespace-nowrap">
          {n(r.articles)} {r.articles === 1 ? 'article' : 'articles'}
          {r.users || r.impressions ? <span className="block text-xs text-ink-muted">{`${n(r.users)} readers, ${n(r.impressions)} impressions`}</span> : null}
        </span>
      ) : (
        '–'
      ),
  },
  { key: 'invalid', header: 'Skipped', render: (r) => (r.status === 'SUCCEEDED' ? `${n(r.invalid)} invalid, ${n(r.skipped)} other` : '–') },
  {
    key: 'state',
    header: 'Stored as',
    render: (r) => (r.asDrafts ? `Drafts (${n(r.drafts)} of ${n(r.created)} new still drafts)` : `Published (${n(r.created)} new)`),
  },
  {
    key: 'articles',
    header: 'Articles',
    render: (r) =>
      r.created ? (
        <Link href={`/articles?${new URLSearchParams({ import: r.id })}`} className="whitespace-nowrap font-medium underline-offset-4 hover:underline">
          View {n(r.created)} new
        </Link>
      ) : (
        '–'
      ),
  },
];

export default async function ImportHistoryPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  if (!(await getStaffUser())) return null;
  const requested = Math.max(1, Math.floor(Number(first((await searchParams).page)) || 1));
  const { total, rows } = await (await getApi()).admin.imports.list({ page: Math.min(requested, 10_001) - 1, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <p className="text-sm">
        <Link href="/articles" className="underline-offset-4 hover:underline">
          ← Articles
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Import history</h1>
        <Link href="/articles/import" className="rounded-md border border-rule px-3 py-1.5 text-sm font-medium hover:border-ink">
          Import articles
        </Link>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-ink-muted">
        Uploads from the Import articles page and imports run with <code>npm run import</code>, newest first. “Imported” counts the
        article rows stored, new or updated; “new” counts the articles an import created that are still here (an article
        imported again keeps its first import and its status).
      </p>
      <div className="mt-4">
        <DataTable label="Import history" columns={columns} rows={rows} rowKey={(r) => r.id} empty="No imports yet." />
      </div>
      <Pager page={requested} pages={pages} hrefFor={(page) => `/articles/imports?page=${page}`} />
    </>
  );
}
