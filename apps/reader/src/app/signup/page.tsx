import type { Metadata } from 'next';

import { CredentialsForm } from '~/components/account-forms';

export const metadata: Metadata = { title: 'Create your account' };

export default function Page() {
  return (
    <section aria-labelledby="title" className="mx-auto max-w-sm py-10">
      <h1 id="title" className="font-serif text-3xl">
        Create your account
      </h1>
      <p className="mt-2 text-ink-muted">Keep your feed on every device. What you read so far stays yours.</p>
      <CredentialsForm mode="signup" />
    </section>
  );
}
