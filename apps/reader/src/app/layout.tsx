import { GeistSans } from 'geist/font/sans';
import { GeistSerif } from 'geist/font/serif';
import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { getApi } from '~/server/caller';
import { TRPCReactProvider } from '~/trpc/client';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Lede — your news, ranked for you', template: '%s · Lede' },
  description: 'A personalized news feed.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#121110' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await (await getApi()).auth.me();
  const navLink = 'rounded-sm px-2 py-1 text-ink-muted hover:text-ink';
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistSerif.variable}`}>
      <body className="min-h-dvh bg-paper font-sans text-ink antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:bg-surface focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-rule">
          <div className="mx-auto flex max-w-3xl flex-wrap items-baseline justify-between gap-x-4 gap-y-2 px-4 py-4">
            <Link href="/" className="font-serif text-3xl tracking-tight">
              Lede
            </Link>
            <nav aria-label="Account and search">
              <ul className="flex items-baseline gap-1 text-sm font-medium">
                <li>
                  <Link href="/search" className={navLink}>
                    Search
                  </Link>
                </li>
                <li>
                  <Link href="/settings" className={navLink}>
                    Settings
                  </Link>
                </li>
                {user ? (
                  <li className="px-2 py-1 text-ink" title={user.email ?? undefined}>
                    {user.name ?? user.email}
                  </li>
                ) : (
                  <li>
                    <Link href="/signin" className={navLink}>
                      Sign in
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <TRPCReactProvider>
          <main id="main" className="mx-auto max-w-3xl px-4 pb-16">
            {children}
          </main>
        </TRPCReactProvider>
        <footer className="border-t border-rule">
          <p className="mx-auto max-w-3xl px-4 py-6 text-sm text-ink-muted">
            Stories are ranked from what you read on this device. Demo articles: HuffPost News Category Dataset (CC BY 4.0).
          </p>
        </footer>
      </body>
    </html>
  );
}
