import { GeistSans } from 'geist/font/sans';
import { GeistSerif } from 'geist/font/serif';
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { ThemeToggle } from '~/components/theme-toggle';
import { parseTheme, THEME_COOKIE } from '~/lib/cookies';
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
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const navLink = 'rounded-sm px-2 py-1 text-ink-muted hover:text-ink';
  const links = [
    { href: '/search', label: 'Search' },
    { href: '/saved', label: 'Saved' },
    { href: '/history', label: 'History' },
    { href: '/settings', label: 'Settings' },
  ];
  return (
    <html lang="en" data-theme={theme ?? undefined} className={`${GeistSans.variable} ${GeistSerif.variable}`}>
      <body className="min-h-dvh bg-paper font-sans text-ink antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:bg-surface focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-rule">
          <div className="mx-auto flex max-w-6xl flex-wrap items-baseline justify-between gap-x-4 gap-y-2 px-4 py-4">
            <Link href="/" className="font-serif text-3xl tracking-tight">
              Lede
            </Link>
            <nav aria-label="Your Lede">
              <ul className="flex flex-wrap items-baseline gap-1 text-sm font-medium">
                {links.map((l) => (
                  <li key={l.href}>
                    <Link href={l.href} className={navLink}>
                      {l.label}
                    </Link>
                  </li>
                ))}
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
                <li>
                  <ThemeToggle chosen={theme} />
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <TRPCReactProvider>
          <main id="main" className="mx-auto max-w-6xl px-4 pb-16">
            {children}
          </main>
        </TRPCReactProvider>
        <footer className="border-t border-rule">
          <p className="mx-auto max-w-6xl px-4 py-6 text-sm text-ink-muted">
            Stories are ranked from what you read on this device. Demo articles: HuffPost News Category Dataset (CC BY 4.0).
          </p>
        </footer>
      </body>
    </html>
  );
}
