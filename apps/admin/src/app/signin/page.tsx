import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignInForm } from '~/components/sign-in-form';
import { getCurrentUser } from '~/server/caller';

export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<{ next?: string | string[] }>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const user = await getCurrentUser();
  if (user && user.role !== 'READER') redirect('/');
  const next = (await searchParams).next;

  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <p className="font-mono text-sm text-ink-muted">Lede newsroom</p>
      <h1 className="mt-1 mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm next={typeof next === 'string' ? next : undefined} />
    </main>
  );
}
