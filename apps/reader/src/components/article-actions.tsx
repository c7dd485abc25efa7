'use client';

import { useState } from 'react';

import { formatCategory } from '@lede/ui';

import { useTRPCClient } from '~/trpc/client';

interface ArticleActionsProps {
  articleId: string;
  section: string;
  saved: boolean;
  following: boolean;
}

const buttonClass =
  'rounded-full border border-ink px-4 py-1.5 text-sm font-medium text-ink hover:bg-ink hover:text-paper aria-pressed:bg-ink aria-pressed:text-paper disabled:opacity-60';

/**
 * Save, share and follow on the article page. Save and Follow are toggle buttons: a constant label, and the
 * pressed state (filled) says where the reader stands; the status line under them confirms each change.
 */
export function ArticleActions({ articleId, section, saved: initialSaved, following: initialFollowing }: ArticleActionsProps) {
  const trpcClient = useTRPCClient();
  const [saved, setSaved] = useState(initialSaved);
  const [following, setFollowing] = useState(initialFollowing);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [manualLink, setManualLink] = useState<string | null>(null);
  const name = formatCategory(section);

  async function run(change: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await change();
      setStatus(done);
    } catch {
      setStatus('Could not save that. Try again.');
    } finally {
      setBusy(false);
    }
  }

  const toggleSave = () =>
    run(async () => {
      await (saved ? trpcClient.library.unsave.mutate({ articleId }) : trpcClient.library.save.mutate({ articleId }));
      setSaved(!saved);
    }, saved ? 'Removed from Saved.' : 'Saved. Find it under Saved.');

  const toggleFollow = () =>
    run(async () => {
      await trpcClient.library.setSection.mutate({ section, follow: !following });
      setFollowing(!following);
    }, following ? `You no longer follow ${name}.` : `Following ${name}: more of it in your top stories.`);

  async function copyLink() {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setManualLink(null);
      setStatus('Link copied.');
    } catch {
      // No clipboard (permissions, plain http): show the link to copy by hand.
      setManualLink(url);
      setStatus('Copy the link below.');
    }
  }

  return (
    <div className="mt-6">
      <div className="flex flex-wrap gap-2">
        <button type="button" aria-pressed={saved} disabled={busy} onClick={() => void toggleSave()} className={buttonClass}>
          Save
        </button>
        <button type="button" onClick={() => void copyLink()} className={buttonClass}>
          Copy link
        </button>
        <button type="button" aria-pressed={following} disabled={busy} onClick={() => void toggleFollow()} className={buttonClass}>
          Follow {name}
        </button>
      </div>
      {manualLink ? (
        <label className="mt-3 block text-sm">
          Link to this story
          <input readOnly value={manualLink} onFocus={(e) => e.currentTarget.select()} className="mt-1 block w-full rounded-md border border-rule bg-surface px-3 py-2" />
        </label>
      ) : null}
      <p role="status" className="mt-2 min-h-5 text-sm text-ink-muted">
        {status}
      </p>
    </div>
  );
}
