import type { Metadata } from 'next';

import { CredentialsForm } from '~/components/account-forms';

export const metadata: Metadata = { title: 'Sign in' };

export default async function Page({ searchParams }: { searchParams: Promise<{ reset?: string | string[] }> }) {
  const { reset } = await searchParams;
  return (
    <section aria-labelledby="title" className="mx-auto max-w-sm py-10">
      <h1 id="title" className="font-serif text-3xl">
        Sign in
      </h1>
      <p className="mt-2 text-ink-muted">What you read on this device comes along.</p>
      {typeof reset === 'string' ? (
        <p role="status" className="mt-4 text-sm font-medium">
          Password set. Sign in with the new one.
        </p>
      ) : null}
      <CredentialsForm mode="signin" email={typeof reset === 'string' ? reset : undefined} />
    </section>
  );
}
