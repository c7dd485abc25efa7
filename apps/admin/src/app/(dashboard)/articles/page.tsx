import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterOutputs } from '@lede/api';
import { type Column, DataTable, formatCategory, formatDate } from '@lede/ui';

import { env } from '~/env';
import { getApi, getStaffUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Articles' };

type TArticleRow = RouterOutputs['admin']['articles']['list']['rows'][number];

const columns: Column<TArticleRow>[] = [
  { key: 'title', header: 'Title', render: (r) => <span className="font-medium">{r.title}</span> },
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
  { key: 'status', header: 'Status', render: (r) => (r.status === 'HIDDEN' ? 'Hidden' : 'Published') },
];

interface ArticlesPageProps {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}

function first(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v;
}

export default async function ArticlesPage({ searchParams }: ArticlesPageProps) {
  if (!(await getStaffUser())) return null;
  const params = await searchParams;
  const query = first(params.q)?.trim().slice(0, 200) ?? '';
  const requested = Math.max(1, Math.floor(Number(first(params.page)) || 1));

  const { total, rows } = await (await getApi()).admin.articles.list({
    query: query || undefined,
    page: Math.min(requested, 10_001) - 1,
    pageSize: env.LEDE_ADMIN_PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / env.LEDE_ADMIN_PAGE_SIZE));
  const hrefFor = (page: number) => `/articles?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(page) })}`;

  return (
    <>
      <h1 className="text-2xl font-semibold">Articles</h1>
      <form role="search" action="/articles" className="mt-4 flex max-w-xl gap-2">
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
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
          Search
        </button>
      </form>
      <p className="mt-4 text-sm text-ink-muted" aria-live="polite">
        {total.toLocaleString('en-US')} {total === 1 ? 'article' : 'articles'}
        {query ? ` matching “${query}”` : ''}
      </p>
      <div className="mt-2">
        <DataTable label="Articles" columns={columns} rows={rows} rowKey={(r) => r.id} empty="No articles match." />
      </div>
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        {requested > 1 ? (
          <Link href={hrefFor(Math.min(requested - 1, pages))} className="font-medium underline-offset-4 hover:underline">
            ← Previous page
          </Link>
        ) : (
          <span />
        )}
        <span className="text-ink-muted">
          Page {Math.min(requested, pages)} of {pages}
        </span>
        {requested < pages ? (
          <Link href={hrefFor(requested + 1)} className="font-medium underline-offset-4 hover:underline">
            Next page →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}
