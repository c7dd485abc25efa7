'use client';

import Link from 'next/link';
import { useState } from 'react';

import type { RouterOutputs } from '@lede/api';
import { FeedCard } from '@lede/ui';

import { logClick } from '~/lib/events';
import { useTRPCClient } from '~/trpc/client';

type TFeedPage = RouterOutputs['feed']['list'];
/** A story plus the feed request it was shown in: its click must name that request. */
type TFeedEntry = TFeedPage['items'][number] & { requestId: string };

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

export function FeedList({ initial, category, pageSize, now }: FeedListProps) {
  const trpcClient = useTRPCClient();
  const [entries, setEntries] = useState(() => entriesOf(initial));
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const [announcement, setAnnouncement] = useState('');

  async function loadMore() {
    if (!cursor || status === 'loading') return;
    setStatus('loading');
    try {
      const page = await trpcClient.feed.list.query({ cursor, limit: pageSize, category });
      const seen = new Set(entries.map((e) => e.id));
      const fresh = entriesOf(page).filter((e) => !seen.has(e.id));
      setEntries([...entries, ...fresh]);
      setCursor(page.nextCursor);
      setAnnouncement(`${fresh.length} more ${fresh.length === 1 ? 'story' : 'stories'} loaded`);
      setStatus('idle');
    } catch {
      setStatus('error');
    }
  }

  if (entries.length === 0) {
    return <p className="py-12 text-center text-ink-muted">No stories here yet. Try another section.</p>;
  }

  return (
    <>
      <ol aria-label="Stories" className="list-none">
        {entries.map((entry) => (
          <li key={entry.id}>
            <FeedCard
              href={`/article/${encodeURIComponent(entry.id)}`}
              link={Link}
              title={entry.title}
              abstract={entry.abstract}
              category={entry.category}
              source={entry.source}
              publishedAt={entry.publishedAt}
              now={now}
              because={entry.because[0]?.title || null}
              onNavigate={() => logClick({ articleId: entry.id, requestId: entry.requestId, position: entry.position })}
            />
          </li>
        ))}
      </ol>
      <div className="flex flex-col items-center gap-2 py-8">
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
