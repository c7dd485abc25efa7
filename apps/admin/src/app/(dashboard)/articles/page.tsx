import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatCategory, formatDate } from '@lede/ui';

import { env } from '~/env';
import { Pager } from '~/components/pager';
import { getApi, getStaffUser } from '~/server/caller';
import { bulkStatusAction } from '~/server/editorial-actions';

export const metadata: Metadata = { title: 'Articles' };

type TArticleRow = RouterOutputs['admin']['articles']['list']['rows'][number];

const STATUS_LABELS: Record<TArticleRow['status'], string> = { PUBLISHED: 'Published', HIDDEN: 'Hidden', DRAFT: 'Draft' };
const bulkButton = 'rounded-md border border-rule px-3 py-1.5 font-medium hover:border-ink';

const columns: Column<TArticleRow>[] = [
  {
    key: 'select',
    header: 'Select',
    render: (r) => <input type="checkbox" name="ids" value={r.id} form="bulk" aria-label={`Select “${r.title}”`} className="size-4" />,
  },
  {
    key: 'title',
    header: 'Title',
    render: (r) => (
      <Link href={`/articles/${encodeURIComponent(r.id)}`} className="font-medium underline-offset-4 hover:underline">
        {r.title}
      </Link>
    ),
  },
  { key: 'category', header: 'Section', render: (r) => formatCategory(r.category) },
  { key: 'source', header: 'Source', render: (r) => r.source },
  {
    key: 'published',
    header: 'Published',
    render: (r) => (
      <time dateTime={r.publishedAt.toISOString()} className="whitespace-nowrap">
        {formatDate(r.publishedAt)}
      </time>
    ),
  },
  { key: 'status', header: 'Status', render: (r) => STATUS_LABELS[r.status] },
  {
    key: 'editorial',
    header: 'Editorial',
    render: (r) =>
      [r.pinnedUntil && r.pinnedUntil > new Date() ? 'pinned' : null, r.boost !== 1 ? `boost ×${r.boost}` : null].filter(Boolean).join(', ') || '–',
  },
];

interface ArticlesPageProps {
  searchParams: Promise<{
    q?: string | string[];
    page?: string | string[];
    category?: string | string[];
    status?: string | string[];
    import?: string | string[];
    notice?: string | string[];
    error?: string | string[];
  }>;
}

function first(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

export default async function ArticlesPage({ searchParams }: ArticlesPageProps) {
  if (!(await getStaffUser())) return null;
  const params = await searchParams;
  const query = first(params.q)?.trim().slice(0, 200) ?? '';
  const requested = Math.max(1, Math.floor(Number(first(params.page)) || 1));
  const category = first(params.category)?.slice(0, 64) ?? '';
  const rawStatus = first(params.status);
  const status = rawStatus === 'HIDDEN' || rawStatus === 'PUBLISHED' || rawStatus === 'DRAFT' ? rawStatus : undefined;
  const importId = first(params.import)?.slice(0, 100) ?? '';
  const api = await getApi();
  const categories = await api.admin.articles.categories({});

  const { total, rows } = await api.admin.articles.list({
    query: query || undefined,
    category: category || undefined,
    status,
    importId: importId || undefined,
    page: Math.min(requested, 10_001) - 1,
    pageSize: env.LEDE_ADMIN_PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / env.LEDE_ADMIN_PAGE_SIZE));
  const anyImport = { ...(query ? { q: query } : {}), ...(category ? { category } : {}), ...(status ? { status } : {}) };
  const filters = { ...anyImport, ...(importId ? { import: importId } : {}) };
  const hrefFor = (page: number) => `/articles?${new URLSearchParams({ ...filters, page: String(page) })}`;

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Articles</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/articles/imports" className="rounded-md border border-rule px-3 py-1.5 text-sm font-medium hover:border-ink">
            Import history
          </Link>
          <Link href="/articles/import" className="rounded-md border border-rule px-3 py-1.5 text-sm font-medium hover:border-ink">
            Import articles
          </Link>
        </div>
      </div>
      <form role="search" action="/articles" className="mt-4 flex max-w-3xl flex-wrap gap-2">
        <label htmlFor="q" className="sr-only">
          Search articles by title
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query}
          placeholder="Search titles…"
          className="min-w-0 flex-1 rounded-md border border-rule bg-surface px-3 py-2"
        />
        <label htmlFor="category" className="sr-only">
          Category
        </label>
        <select id="category" name="category" defaultValue={category} className="rounded-md border border-rule bg-surface px-3 py-2">
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.category} value={c.category}>
              {formatCategory(c.category)} ({c.articles})
            </option>
          ))}
        </select>
        <label htmlFor="status" className="sr-only">
          Status
        </label>
        <select id="status" name="status" defaultValue={status ?? ''} className="rounded-md border border-rule bg-surface px-3 py-2">
          <option value="">Any status</option>
          <option value="PUBLISHED">Published</option>
          <option value="HIDDEN">Hidden</option>
          <option value="DRAFT">Drafts</option>
        </select>
        {importId ? <input type="hidden" name="import" value={importId} /> : null}
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
          Search
        </button>
      </form>
      <p className="mt-4 text-sm text-ink-muted" aria-live="polite">
        {total.toLocaleString('en-US')} {total === 1 ? 'article' : 'articles'}
        {query ? ` matching “${query}”` : ''}
        {importId ? (
          <>
            {' '}
            created by one import ·{' '}
            <Link href={`/articles?${new URLSearchParams(anyImport)}`} className="underline underline-offset-4">
              show all imports
            </Link>
          </>
        ) : null}
      </p>
 {first(params.notice) ? (
        <p role="status" className="mt-2 rounded-md border border-rule bg-surface px-3 py-2 text-sm">
          {first(params.notice)}
        </p>
      ) : null}
      {first(params.error) ? (
        <p role="alert" className="mt-2 font-medium text-danger">
          {first(params.error)}
        </p>
      ) : null}
      <form id="bulk" action={bulkStatusAction} className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <input type="hidden" name="back" value={hrefFor(requested)} />
        <span className="text-ink-muted">With the selected articles:</span>
        <button type="submit" name="op" value="hide" className={bulkButton}>
          Hide selected
        </button>
        <button type="submit" name="op" value="unhide" className={bulkButton}>
          Unhide selected
        </button>
        <button type="submit" name="op" value="publish" className={bulkButton}>
          Publish selected
        </button>
        <button type="submit" name="op" value="delete" className={bulkButton}>
          Delete selected drafts
        </button>
      </form>
      <div className="mt-2">
        <DataTable label="Articles" columns={columns} rows={rows} rowKey={(r) => r.id} empty="No articles match." />
      </div>
      <Pager page={requested} pages={pages} hrefFor={hrefFor} />
    </>
  );
}
