'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';

import type { RouterOutputs } from '@lede/api';
import { explainStory, formatCategory, StoryCard } from '@lede/ui';

import { logClick } from '~/lib/events';
import { useSeen } from '~/lib/use-seen';
import { useTRPCClient } from '~/trpc/client';

type TFeedItem = RouterOutputs['feed']['list']['items'][number];
export type TFeedEntry = TFeedItem & { requestId: string };

const actionClass = 'rounded-sm py-1 font-medium text-ink-muted underline-offset-4 hover:text-ink hover:underline';

/** One feed story: logs its impression once seen and its click, and offers "why?" and "not interested". */
export function Story({ entry, now }: { entry: TFeedEntry; now: Date }) {
  const trpcClient = useTRPCClient();
  const ref = useRef<HTMLElement>(null);
  const panelId = useId();
  const [why, setWhy] = useState(false);
  // Explanations are fetched when first opened (feed.why), not sent with every page.
  const [reasons, setReasons] = useState<string[] | 'loading' | 'error'>('loading');
  const [hidden, setHidden] = useState<false | 'story' | 'section'>(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const undoRef = useRef<HTMLButtonElement>(null);
  const focusAfterUndo = useRef(false);
  useSeen(ref, { requestId: entry.requestId, articleId: entry.id, position: entry.position });
  // Keyboard users keep their place: focus moves to "Undo", and back to the card's headline after an undo.
  useEffect(() => {
    if (hidden) undoRef.current?.focus();
    else if (focusAfterUndo.current) ref.current?.querySelector('a')?.focus();
    focusAfterUndo.current = hidden !== false;
  }, [hidden]);

  async function toggleWhy() {
    setWhy(!why);
    if (why || Array.isArray(reasons)) return;
    setReasons('loading');
    try {
      const explanation = await trpcClient.feed.why.query({ requestId: entry.requestId, articleId: entry.id });
      setReasons(explainStory(explanation));
    } catch {
      setReasons('error');
    }
  }

  async function feedback(type: 'NOT_INTERESTED' | 'UNDO_NOT_INTERESTED') {
    setBusy(true);
    setFailed(false);
    try {
      await trpcClient.events.log.mutate({
        events: [{ clientEventId: crypto.randomUUID(), type, articleId: entry.id, requestId: entry.requestId, position: entry.position }],
      });
      setHidden(type === 'NOT_INTERESTED' ? 'story' : false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  /** "Hide this section" instead of "fewer like this": the whole section leaves "For you" (undone in Not interested). */
  async function hideSection(hide: boolean) {
    setBusy(true);
    setFailed(false);
    try {
      await trpcClient.library.setSection.mutate({ section: entry.category, hide });
      setHidden(hide ? 'section' : 'story');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  if (hidden) {
    const section = formatCategory(entry.category);
    return (
      <div className="flex flex-col gap-2 border-b border-rule py-4 text-sm md:rounded-md md:border md:p-4">
        <p role="status">
          {hidden === 'story' ? (
            <>
              Hidden: <span className="italic">{entry.title}</span>. You will see fewer stories like it.
            </>
          ) : (
            <>{section} is hidden from your top stories. Its tab still lists it.</>
          )}
        </p>
        <div className="flex flex-wrap gap-x-4">
          {hidden === 'story' ? (
            <>
              <button ref={undoRef} type="button" disabled={busy} onClick={() => void feedback('UNDO_NOT_INTERESTED')} className={actionClass}>
                Undo
              </button>
              <button type="button" disabled={busy} onClick={() => void hideSection(true)} className={actionClass}>
                Hide all of {section}
              </button>
            </>
          ) : (
            <button ref={undoRef} type="button" disabled={busy} onClick={() => void hideSection(false)} className={actionClass}>
              Show {section} again
            </button>
          )}
        </div>
        {failed ? (
          <p role="alert" className="text-danger">
            Could not save that. Try again.
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <StoryCard
      cardRef={ref}
      href={`/article/${encodeURIComponent(entry.id)}`}
      link={Link}
      title={entry.title}
      abstract={entry.abstract}
      category={entry.category}
      source={entry.source}
      publishedAt={entry.publishedAt}
      now={now}
      isNew={entry.isNew}
      imageUrl={entry.imageUrl}
      read={entry.read}
      onNavigate={() => logClick({ articleId: entry.id, requestId: entry.requestId, position: entry.position })}
      actions={
        <>
          <button type="button" aria-expanded={why} aria-controls={panelId} onClick={() => void toggleWhy()} className={actionClass}>
            Why am I seeing this?
          </button>
          <button type="button" disabled={busy} onClick={() => void feedback('NOT_INTERESTED')} className={actionClass}>
            Not interested
            <span className="sr-only"> in “{entry.title}”</span>
          </button>
          {failed ? (
            <span role="alert" className="text-danger">
              Could not save that. Try again.
            </span>
          ) : null}
        </>
      }
      details={
        why ? (
          <div
            id={panelId}
            role="region"
            aria-label="Why you are seeing this"
            aria-busy={reasons === 'loading'}
            className="mt-3 rounded-md bg-surface p-3 text-sm leading-relaxed"
          >
            {reasons === 'loading' ? (
              <p className="text-ink-muted">Looking at what you read…</p>
            ) : reasons === 'error' ? (
              <p role="alert" className="text-danger">
                Could not load the explanation. Reload the feed and try again.
              </p>
            ) : (
              <ul className="list-disc space-y-1 pl-5">
                {reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </div>
        ) : null
      }
    />
  );
}
