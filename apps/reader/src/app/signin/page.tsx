import type { Metadata } from 'next';

import { CredentialsForm } from '~/components/account-forms';

export const metadata: Metadata = { title: 'Sign in' };

export default function Page() {
  return (
    <section aria-labelledby="title" className="mx-auto max-w-sm py-10">
      <h1 id="title" className="font-serif text-3xl">
        Sign in
      </h1>
      <p className="mt-2 text-ink-muted">What you read on this device comes along.</p>
      <CredentialsForm mode="signin" />
    </section>
  );
}
