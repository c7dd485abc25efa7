'use client';

import Link from 'next/link';
import { useEffect } from 'react';

import { logClick, logDwell } from '~/lib/events';

/**
 * Dwell time on an article: counts only while the tab is visible and goes out as one event each time the
 * reader leaves (tab hidden, page hidden, or in-app navigation away).
 */
export function DwellTracker({ articleId }: { articleId: string }) {
  useEffect(() => {
    let visibleSince: number | null = document.visibilityState === 'visible' ? performance.now() : null;
    const report = () => {
      if (visibleSince === null) return;
      logDwell(articleId, performance.now() - visibleSince);
      visibleSince = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') report();
      else visibleSince ??= performance.now();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', report);
    return () => {
      report();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', report);
    };
  }, [articleId]);
  return null;
}

/** A link to a related article that logs the click (no feed request: it answers no impression). */
export function RelatedLink({ id, title }: { id: string; title: string }) {
  return (
    <Link href={`/article/${encodeURIComponent(id)}`} onClick={() => logClick({ articleId: id })} className="underline-offset-4 hover:underline">
      {title}
    </Link>
  );
}
