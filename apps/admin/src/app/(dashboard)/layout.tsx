import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

import { DashboardNav } from '~/components/dashboard-nav';
import { SignOutButton } from '~/components/sign-out-button';
import { getCurrentUser } from '~/server/caller';

/** Every dashboard page is for editors and admins; the check runs on the server before any page renders. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');

  if (user.role === 'READER') {
    return (
      <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-12">
        <h1 className="text-2xl font-semibold">Not allowed</h1>
        <p className="mt-3 text-ink-muted">
          {user.email ?? 'This account'} is a reader account. The newsroom dashboard is for editors and admins; ask an
          admin for access.
        </p>
        <div className="mt-6">
          <SignOutButton />
        </div>
      </main>
    );
  }

  return (
    <>
      <header className="border-b border-rule bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="font-mono text-sm font-semibold">
            Lede newsroom
          </Link>
          <DashboardNav isAdmin={user.role === 'ADMIN'} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-ink-muted">
              {user.email} <span className="font-mono text-xs uppercase">({user.role.toLowerCase()})</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
