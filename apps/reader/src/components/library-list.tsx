import Link from 'next/link';
import type { ReactNode } from 'react';

import type { RouterOutputs } from '@lede/api';
import { formatAge, formatCategory } from '@lede/ui';

type TLibraryStory = RouterOutputs['library']['muted'][number];

interface LibraryListProps {
  label: string;
  items: TLibraryStory[];
  /** What `at` means for this list ("Saved", "Read", "Muted"). */
  atLabel: string;
  now: Date;
  /** A form per story (undo, remove), rendered under it. */
  action?: (item: TLibraryStory) => ReactNode;
}

/** A list of the reader's own stories (Saved, History, Not interested): headline, section, when, an action. */
export function LibraryList({ label, items, atLabel, now, action }: LibraryListProps) {
  return (
    <ol aria-label={label} className="mt-4 list-none">
      {items.map((item) => (
        <li key={item.id} className="border-b border-rule py-4">
          <article>
            <p className="text-xs font-semibold uppercase tracking-wider text-accent">{formatCategory(item.category)}</p>
            <h2 className="mt-1 text-lg font-semibold leading-snug">
              <Link href={`/article/${encodeURIComponent(item.id)}`} className="underline-offset-4 hover:underline">
                {item.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-ink-muted">
              <span className="font-medium text-ink">{item.source}</span> · {atLabel} <time dateTime={item.at.toISOString()}>{formatAge(item.at, now)}</time>
            </p>
            {action ? <div className="mt-2">{action(item)}</div> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}

/** Stories per page of a library list. */
export const LIBRARY_PAGE_SIZE = 20;

/** A paged library page (Saved, History): its heading, what `children` say and list, newer / older links. */
export function LibraryPage({ id, title, path, page, more, children }: { id: string; title: string; path: string; page: number; more: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mx-auto max-w-3xl py-8">
      <h1 id={`${id}-title`} className="font-serif text-3xl">
        {title}
      </h1>
      {children}
      <PageLinks path={path} page={page} more={more} />
    </section>
  );
}

/** Newer / older links for a paged list (`?page=N`, 0-based). */
export function PageLinks({ path, page, more }: { path: string; page: number; more: boolean }) {
  if (page === 0 && !more) return null;
  const link = 'font-medium text-accent underline underline-offset-4';
  return (
    <nav aria-label="Pages" className="mt-6 flex justify-between">
      {page > 0 ? (
        <Link href={page === 1 ? path : `${path}?page=${page - 1}`} className={link}>
          Newer
        </Link>
      ) : (
        <span />
      )}
      {more ? (
        <Link href={`${path}?page=${page + 1}`} className={link}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}

/** `?page=` as a page number in 0..500 (anything else: the first page). */
export function parsePage(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 0 && n <= 500 ? n : 0;
}
