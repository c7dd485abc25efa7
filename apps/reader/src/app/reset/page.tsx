import type { Metadata } from 'next';

import { ResetPasswordForm } from '~/components/account-forms';

export const metadata: Metadata = { title: 'Reset password' };

export default function Page() {
  return (
    <section aria-labelledby="title" className="mx-auto max-w-sm py-10">
      <h1 id="title" className="font-serif text-3xl">
        Reset password
      </h1>
      <p className="mt-2 text-ink-muted">Enter the one-time code from the site’s admin. You are signed out everywhere; then sign in with the new password.</p>
      <ResetPasswordForm />
    </section>
  );
}
