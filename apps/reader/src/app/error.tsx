'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="error-title" className="py-16 text-center">
      <h1 id="error-title" className="font-serif text-3xl">
        Something went wrong
      </h1>
      <p className="mt-3 text-ink-muted">The page could not be loaded. It is not you; please try again.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-full border border-ink px-6 py-2 font-medium">
        Try again
      </button>
    </section>
  );
}
