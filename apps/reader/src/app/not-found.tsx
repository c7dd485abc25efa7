import Link from 'next/link';

export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title" className="py-16 text-center">
      <h1 id="not-found-title" className="font-serif text-3xl">
        Story not found
      </h1>
      <p className="mt-3 text-ink-muted">It may have been removed, or the link is mistyped.</p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-accent underline underline-offset-4">
          Back to your feed
        </Link>
      </p>
    </section>
  );
}
