import type { Metadata } from 'next';
import Link from 'next/link';

import { ResetPasswordForm } from '~/components/reset-password-form';

export const metadata: Metadata = { title: 'Reset password' };

/** Where a staff member redeems the one-time reset code an admin gave them. */
export default function ResetPasswordPage() {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <p className="font-mono text-sm text-ink-muted">Lede newsroom</p>
      <h1 className="mt-1 mb-2 text-2xl font-semibold">Reset password</h1>
      <p className="mb-6 text-sm text-ink-muted">
        Enter the one-time code an admin gave you. Your other sessions end; then sign in with the new password.
      </p>
      <ResetPasswordForm />
      <p className="mt-6 text-sm">
        <Link href="/signin" className="underline">
          Back to sign in
        </Link>
      </p>
    </main>
  );
}
