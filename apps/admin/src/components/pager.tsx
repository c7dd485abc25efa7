import Link from 'next/link';

/** Previous / "Page n of m" / next links under a paged list; `hrefFor` builds a page's URL with the filters. */
export function Pager({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const link = 'font-medium underline-offset-4 hover:underline';
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={hrefFor(Math.min(page - 1, pages))} className={link}>
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <span className="text-ink-muted">
        Page {Math.min(page, pages)} of {pages}
      </span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} className={link}>
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
