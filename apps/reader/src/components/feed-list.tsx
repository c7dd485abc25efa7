'use client';

import { useEffect, useRef, useState } from 'react';

import type { RouterOutputs } from '@lede/api';
import { StoryCardSkeleton } from '@lede/ui';

import { flushSeen } from '~/lib/events';
import { useTRPCClient } from '~/trpc/client';

import { Story, type TFeedEntry } from './story';

type TFeedPage = RouterOutputs['feed']['list'];

/** How far below the screen the next page starts loading. */
const PRELOAD_PX = 800;

interface FeedListProps {
  initial: TFeedPage;
  category: string | null;
  pageSize: number;
  /** Server time of the first render, so ages match between server and browser. */
  now: Date;
}

function entriesOf(page: TFeedPage): TFeedEntry[] {
  return page.items.map((item) => ({ ...item, requestId: page.requestId }));
}

/** The feed: loads the next page when the reader nears the end (or presses "Load more"), never a story twice. */
export function FeedList({ initial, category, pageSize, now }: FeedListProps) {
  const trpcClient = useTRPCClient();
  const [entries, setEntries] = useState(() => entriesOf(initial));
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const [announcement, setAnnouncement] = useState('');
  const sentinel = useRef<HTMLDivElement>(null);
  const loading = useRef(false);

  async function loadMore() {
    if (!cursor || loading.current) return;
    loading.current = true;
    setStatus('loading');
    try {
      const page = await trpcClient.feed.list.query({ cursor, limit: pageSize, category });
      const fresh = entriesOf(page);
      setEntries((shown) => {
        const ids = new Set(shown.map((e) => e.id));
        return [...shown, ...fresh.filter((e) => !ids.has(e.id))];
      });
      setAnnouncement(`${fresh.length} more ${fresh.length === 1 ? 'story' : 'stories'} loaded`);
      setCursor(page.nextCursor);
      setStatus('idle');
    } catch {
      setStatus('error');
    } finally {
      loading.current = false;
    }
  }

  // Infinite scroll: the next page starts loading a screen before the end of the list. The observer reports
  // the sentinel coming near; after each page (and on the first render) the sentinel's position is checked
  // directly too, since an observer reports changes only and a page that leaves the sentinel in range, or a
  // notification that came while a page was loading, would otherwise stop the feed until the reader scrolls.
  const load = useRef(loadMore);
  load.current = loadMore;
  useEffect(() => {
    const el = sentinel.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) void load.current();
    }, { rootMargin: `0px 0px ${PRELOAD_PX}px 0px` });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = sentinel.current;
    if (status === 'idle' && cursor && el && el.getBoundingClientRect().top < window.innerHeight + PRELOAD_PX) void load.current();
  }, [entries.length, cursor, status]);

  // Leaving the feed inside the app is no page hide: send what was seen now.
  useEffect(() => () => flushSeen(), []);

  if (entries.length === 0) {
    return (
      <div className="py-12 text-center">
        <p className="font-serif text-xl">No stories in this section right now.</p>
        <p className="mt-2 text-ink-muted">Try another section, or come back later for fresh news.</p>
      </div>
    );
  }

  return (
    <>
      {/* Phones: a list; tablets and desktops: two or three columns of cards. */}
      <ol aria-label="Stories" className="grid list-none gap-x-8 md:mt-6 md:grid-cols-2 md:gap-y-10 lg:grid-cols-3">
        {entries.map((entry) => (
          <li key={entry.id}>
            <Story entry={entry} now={now} />
          </li>
        ))}
      </ol>
      {status === 'loading' ? (
        <div role="status" aria-label="Loading more stories" className="grid gap-x-8 md:grid-cols-2 lg:grid-cols-3">
          <StoryCardSkeleton />
          <StoryCardSkeleton />
        </div>
      ) : null}
      <div ref={sentinel} className="flex flex-col items-center gap-2 py-8">
        {cursor ? (
          <button
            type="button"
            onClick={() => void loadMore()}
            disabled={status === 'loading'}
            className="rounded-full border border-ink px-6 py-2 font-medium text-ink hover:bg-ink hover:text-paper disabled:cursor-wait disabled:opacity-60"
          >
            {status === 'loading' ? 'Loading…' : 'Load more'}
          </button>
        ) : (
          <p className="text-ink-muted">You’re all caught up.</p>
        )}
        {status === 'error' ? (
          <p role="alert" className="text-danger">
            Could not load more stories. Try again.
          </p>
        ) : null}
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
      </div>
    </>
  );
}
