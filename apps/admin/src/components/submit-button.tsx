import { type ReactNode } from 'react';

/** The newsroom's full-width submit button, disabled with `busy` as its label while the action runs. */
export function SubmitButton({ pending, busy, children }: { pending: boolean; busy: string; children: ReactNode }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90 disabled:cursor-wait disabled:opacity-60"
    >
      {pending ? busy : children}
    </button>
  );
}
