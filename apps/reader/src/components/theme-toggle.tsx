'use client';

import { useEffect, useState } from 'react';

import { ONE_YEAR_S, THEME_COOKIE, type TTheme } from '~/lib/cookies';

/**
 * "Dark mode", a toggle button: pressed when the page is dark, whether by the reader's choice or by the
 * system's. The choice is kept in a cookie so the server renders the next page in it (no flash).
 */
export function ThemeToggle({ chosen }: { chosen: TTheme | null }) {
  const [dark, setDark] = useState(chosen === 'dark');
  useEffect(() => {
    if (chosen === null) setDark(window.matchMedia('(prefers-color-scheme: dark)').matches);
  }, [chosen]);

  function toggle() {
    const next: TTheme = dark ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    setDark(!dark);
  }

  return (
    <button type="button" aria-pressed={dark} onClick={toggle} className="rounded-sm px-2 py-1 text-ink-muted hover:text-ink">
      Dark mode
    </button>
  );
}
