import type { Metadata } from 'next';
import Link from 'next/link';

import { formatAge, formatCategory, splitHighlights } from '@lede/ui';

import { getApi } from '~/server/caller';

export const metadata: Metadata = { title: 'Search' };

interface SearchPageProps {
  searchParams: Promise<{ q?: string | string[] }>;
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

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const raw = (await searchParams).q;
  const q = ((Array.isArray(raw) ? raw[0] : raw) ?? '').trim().slice(0, 200);
  const result = q ? await (await getApi()).search.query({ q }) : null;
  const now = new Date();

  return (
    <section aria-labelledby="search-title" className="py-8">
      <h1 id="search-title" className="font-serif text-3xl">
        Search
      </h1>
      <form role="search" action="/search" className="mt-4 flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search stories
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Topics, people, places…"
          className="min-w-0 flex-1 rounded-md border border-rule bg-surface px-3 py-2 text-ink placeholder:text-ink-muted"
        />
        <button type="submit" className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90">
          Search
        </button>
      </form>
      {result ? (
        <>
          <p className="mt-4 text-sm text-ink-muted" role="status">
            {result.hits.length} {result.hits.length === 1 ? 'result' : 'results'} for “{q}”
            {result.mode === 'semantic' ? ', including stories about related topics' : ''}.
          </p>
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
          {result.hits.length === 0 ? <p className="py-8 text-center text-ink-muted">Nothing found. Try other words.</p> : null}
        </>
      ) : null}
    </section>
  );
}
