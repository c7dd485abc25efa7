'use client';

import { useActionState } from 'react';

import { signInAction, type TSignInState } from '~/server/auth-actions';

const inputClass =
  'mt-1 block w-full rounded-md border border-rule bg-surface px-3 py-2 text-ink placeholder:text-ink-muted focus-visible:border-accent';

export function SignInForm({ next, email = '' }: { next?: string; email?: string }) {
  const [state, action, pending] = useActionState<TSignInState, FormData>(signInAction, { error: null, email });
  return (
    <form action={action} className="space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div>
        <label htmlFor="email" className="text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      {state.error ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90 disabled:cursor-wait disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
