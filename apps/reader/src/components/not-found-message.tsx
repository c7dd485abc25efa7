import Link from 'next/link';

/** The body of every 404 page: what was not found, why it may be, and the way back. */
export function NotFoundMessage({ title, text }: { title: string; text: string }) {
  return (
    <section aria-labelledby="not-found-title" className="py-16 text-center">
      <h1 id="not-found-title" className="font-serif text-3xl">
        {title}
      </h1>
      <p className="mt-3 text-ink-muted">{text}</p>
      <p className="mt-6">
        <Link href="/" className="font-medium text-accent underline underline-offset-4">
          Back to your feed
        </Link>
      </p>
    </section>
  );
}
