'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const links = [
  { href: '/', label: 'Overview' },
  { href: '/metrics', label: 'Metrics' },
  { href: '/models', label: 'Models' },
  { href: '/training', label: 'Training' },
  { href: '/readers', label: 'Readers' },
  { href: '/articles', label: 'Articles' },
  { href: '/audit', label: 'Audit log' },
];

/** Only admins see the Staff link (the page and its procedures refuse everyone else anyway). */
const adminLinks = [{ href: '/staff', label: 'Staff' }];

export function DashboardNav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard">
      <ul className="flex flex-wrap gap-1">
        {[...links, ...(isAdmin ? adminLinks : [])].map((l) => {
          const current = l.href === '/' ? pathname === '/' : pathname.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? 'page' : undefined}
                className={`inline-block rounded-md px-3 py-1.5 text-sm font-medium ${current ? 'bg-ink text-paper' : 'text-ink-muted hover:text-ink'}`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
