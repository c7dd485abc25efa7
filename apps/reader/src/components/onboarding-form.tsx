'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { formatCategory } from '@lede/ui';

import { useTRPCClient } from '~/trpc/client';

interface OnboardingFormProps {
  categories: { name: string; examples: { id: string; title: string }[] }[];
  initial: string[];
}

/** Sections as checkboxes, example headlines as "like" toggles; saving sends both and opens the feed. */
export function OnboardingForm({ categories, initial }: OnboardingFormProps) {
  const trpcClient = useTRPCClient();
  const router = useRouter();
  const [interests, setInterests] = useState(() => new Set(initial));
  const [liked, setLiked] = useState(() => new Set<string>());
  const [status, setStatus] = useState<'idle' | 'saving' | 'error'>('idle');

  function toggle(set: Set<string>, value: string, update: (s: Set<string>) => void) {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
  }

  async function save() {
    setStatus('saving');
    try {
      await trpcClient.onboarding.complete.mutate({ interests: [...interests], liked: [...liked] });
      router.push('/');
      router.refresh();
    } catch {
      setStatus('error');
    }
  }

  return (
    <form
      className="mt-6"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend className="text-lg font-semibold">Sections</legend>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          {categories.map((c) => (
            <div key={c.name} className="rounded-md border border-rule bg-surface p-3">
              <label className="flex items-center gap-2 font-medium">
                <input type="checkbox" checked={interests.has(c.name)} onChange={() => toggle(interests, c.name, setInterests)} className="size-4 accent-accent" />
                {formatCategory(c.name)}
              </label>
              <ul className="mt-2 space-y-1 text-sm">
                {c.examples.map((e) => (
                  <li key={e.id}>
                    <button
                      type="button"
                      aria-pressed={liked.has(e.id)}
                      onClick={() => toggle(liked, e.id, setLiked)}
                      className="w-full rounded-sm px-1 py-1 text-left text-ink-muted hover:text-ink aria-pressed:font-medium aria-pressed:text-ink"
                    >
                      <span aria-hidden="true">{liked.has(e.id) ? '♥ ' : '♡ '}</span>
                      <span className="sr-only">Like: </span>
                      {e.title}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </fieldset>
      {status === 'error' ? (
        <p role="alert" className="mt-4 text-danger">
          Could not save your interests. Try again.
        </p>
      ) : null}
      <button
        type="submit"
        disabled={status === 'saving' || (interests.size === 0 && liked.size === 0)}
        className="mt-6 rounded-full bg-ink px-6 py-2 font-medium text-paper hover:opacity-90 disabled:opacity-60"
      >
        {status === 'saving' ? 'Saving…' : 'Show my feed'}
      </button>
    </form>
  );
}
