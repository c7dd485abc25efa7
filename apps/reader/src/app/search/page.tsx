import type { Metadata } from 'next';
import Link from 'next/link';

import type { RouterInputs } from '@lede/api';
import { formatAge, formatCategory, splitHighlights } from '@lede/ui';

import { getApi } from '~/server/caller';

export const metadata: Metadata = { title: 'Search' };

const PAGE = 20;
const withinOptions = [
  { value: '', label: 'Any time' },
  { value: 'day', label: 'Past day' },
  { value: 'week', label: 'Past week' },
  { value: 'month', label: 'Past month' },
] as const;

type TParams = Record<'q' | 'section' | 'within' | 'sort' | 'page', string | string[] | undefined>;

interface SearchPageProps {
  searchParams: Promise<Partial<TParams>>;
}

function first(raw: string | string[] | undefined): string {
  return ((Array.isArray(raw) ? raw[0] : raw) ?? '').trim();
}

function isWithin(value: string): value is 'day' | 'week' | 'month' {
  return value === 'day' || value === 'week' || value === 'month';
}

/** The query string's search, validated loosely: anything unknown falls back to the default. */
function readSearch(params: Partial<TParams>) {
  const within = first(params.within);
  const page = Number(first(params.page));
  return {
    q: first(params.q).slice(0, 200),
    section: first(params.section).slice(0, 64) || null,
    within: isWithin(within) ? within : null,
    sort: first(params.sort) === 'date' ? ('date' as const) : ('relevance' as const),
    page: Number.isInteger(page) && page >= 0 && page < 10 ? page : 0,
  };
}

type TSearch = ReturnType<typeof readSearch>;

function hrefFor(search: TSearch, page: number) {
  const params = new URLSearchParams({ q: search.q });
  if (search.section) params.set('section', search.section);
  if (search.within) params.set('within', search.within);
  if (search.sort === 'date') params.set('sort', 'date');
  if (page) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

function Marked({ text, ranges }: { text: string; ranges: [number, number][] }) {
  return splitHighlights(text, ranges).map((part, i) =>
    part.mark ? (
      <mark key={i} className="rounded-sm bg-accent/20 px-0.5 text-ink">
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}

const fieldClass = 'mt-1 block rounded-md border border-rule bg-surface px-3 py-2 text-ink';

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const search = readSearch(await searchParams);
  const api = await getApi();
  const input: RouterInputs['search']['query'] = { q: search.q, limit: PAGE, offset: search.page * PAGE, section: search.section, within: search.within, sort: search.sort };
  const [result, sections] = await Promise.all([search.q ? api.search.query(input) : null, api.feed.categories()]);
  const filtered = !!(search.section || search.within);
  const now = new Date();

  return (
    <section aria-labelledby="search-title" className="mx-auto max-w-3xl py-8">
      <h1 id="search-title" className="font-serif text-3xl">
        Search
      </h1>
      <form role="search" action="/search" className="mt-4">
        <div className="flex gap-2">
          <label htmlFor="q" className="sr-only">
            Search stories
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={search.q}
            placeholder="Topics, people, places…"
            className="min-w-0 flex-1 rounded-md border border-rule bg-surface px-3 py-2 text-ink placeholder:text-ink-muted"
          />
          <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
            Search
          </button>
        </div>
        <div className="mt-3 flex flex-wrap gap-4 text-sm">
          <label>
            Section
            <select name="section" defaultValue={search.section ?? ''} className={fieldClass}>
              <option value="">All sections</option>
              {sections.map((s) => (
                <option key={s.name} value={s.name}>
                  {formatCategory(s.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Published
            <select name="within" defaultValue={search.within ?? ''} className={fieldClass}>
              {withinOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Sort by
            <select name="sort" defaultValue={search.sort} className={fieldClass}>
              <option value="relevance">Relevance</option>
              <option value="date">Newest first</option>
            </select>
          </label>
        </div>
      </form>
      {result ? (
        <>
          <p className="mt-4 text-sm text-ink-muted" role="status">
            {result.hits.length === 0
              ? `No stories match “${search.q}”${filtered ? ' with these filters' : ''}.`
              : `Results ${result.offset + 1}–${result.offset + result.hits.length} for “${search.q}”${result.mode === 'semantic' ? ', including stories about related topics' : ''}.`}
          </p>
          {result.hits.length === 0 ? (
            <p className="py-6 text-ink-muted">
              Lede looks for stories that contain all of your words, at the start of a word{result.mode === 'semantic' ? ', and for stories close in meaning' : ''}.{' '}
              {filtered ? (
                <Link href={hrefFor({ ...search, section: null, within: null }, 0)} className="font-medium text-accent underline underline-offset-4">
                  Search all sections and dates
                </Link>
              ) : (
                'Try fewer or other words.'
              )}
            </p>
          ) : (
            <ol aria-label="Search results" className="mt-2 list-none">
              {result.hits.map((hit) => (
                <li key={hit.id} className="border-b border-rule py-4">
                  <article>
                    <p className="text-xs font-semibold uppercase tracking-wider text-accent">{formatCategory(hit.category)}</p>
                    <h2 className="mt-1 text-lg font-semibold leading-snug">
                      <Link href={`/article/${encodeURIComponent(hit.id)}`} className="underline-offset-4 hover:underline">
                        <Marked text={hit.title} ranges={hit.titleHighlights} />
                      </Link>
                    </h2>
                    {hit.abstract ? (
                      <p className="mt-1 font-serif text-ink-muted line-clamp-3">
                        <Marked text={hit.abstract} ranges={hit.abstractHighlights} />
                      </p>
                    ) : null}
                    <p className="mt-2 text-sm text-ink-muted">
                      <span className="font-medium text-ink">{hit.source}</span> · <time dateTime={hit.publishedAt.toISOString()}>{formatAge(hit.publishedAt, now)}</time>
                    </p>
                  </article>
                </li>
              ))}
            </ol>
          )}
          {search.page > 0 || result.more ? (
            <nav aria-label="Result pages" className="mt-6 flex justify-between">
              {search.page > 0 ? (
                <Link href={hrefFor(search, search.page - 1)} className="font-medium text-accent underline underline-offset-4">
                  Previous results
                </Link>
              ) : (
                <span />
              )}
              {result.more ? (
                <Link href={hrefFor(search, search.page + 1)} className="font-medium text-accent underline underline-offset-4">
                  More results
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
