import { GeistSans } from 'geist/font/sans';
import { GeistSerif } from 'geist/font/serif';
import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';

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

export default function RootLayout({ children }: { children: ReactNode }) {
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
          <div className="mx-auto flex max-w-3xl items-baseline justify-between px-4 py-4">
            <Link href="/" className="font-serif text-3xl tracking-tight">
              Lede
            </Link>
            <p className="text-sm text-ink-muted">Your news, ranked for you</p>
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
