import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';

import { SignInForm } from '~/components/sign-in-form';
import { getCurrentUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<{ next?: string | string[]; reset?: string | string[] }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const user = await getCurrentUser();
  if (user && user.role !== 'READER') redirect('/');
  const { next, reset } = await searchParams;

  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <p className="font-mono text-sm text-ink-muted">Lede newsroom</p>
      <h1 className="mt-1 mb-6 text-2xl font-semibold">Sign in</h1>
      {typeof reset === 'string' ? (
        <p role="status" className="mb-4 rounded-md border border-rule bg-surface px-3 py-2 text-sm">
          Password set. Sign in with the new one.
        </p>
      ) : null}
      <SignInForm next={typeof next === 'string' ? next : undefined} email={typeof reset === 'string' ? reset : undefined} />
      <p className="mt-6 text-sm">
        <Link href="/reset" className="underline">
          Have a reset code from an admin?
        </Link>
      </p>
    </main>
  );
}
