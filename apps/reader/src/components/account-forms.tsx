'use client';

import Link from 'next/link';
import { useActionState } from 'react';

import { formatCategory } from '@lede/ui';

import { deleteAccountAction, resetPasswordAction, saveSettingsAction, signInAction, signUpAction, type TFormState } from '~/server/account-actions';

const inputClass = 'mt-1 block w-full rounded-md border border-rule bg-surface px-3 py-2 text-ink placeholder:text-ink-muted';
const buttonClass = 'rounded-full bg-ink px-6 py-2 font-medium text-paper hover:opacity-90 disabled:cursor-wait disabled:opacity-60';
const initial: TFormState = { error: null, email: '' };

function Alert({ state }: { state: TFormState }) {
  if (state.error)
    return (
      <p role="alert" className="text-sm font-medium text-danger">
        {state.error}
      </p>
    );
  if (state.message)
    return (
      <p role="status" className="text-sm font-medium">
        {state.message}
      </p>
    );
  return null;
}

export function CredentialsForm({ mode, email = '' }: { mode: 'signin' | 'signup'; email?: string }) {
  const [state, action, pending] = useActionState(mode === 'signup' ? signUpAction : signInAction, { ...initial, email });
  const label = mode === 'signup' ? 'Create account' : 'Sign in';
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {mode === 'signup' ? (
        <div>
          <label htmlFor="name" className="text-sm font-medium">
            Name <span className="font-normal text-ink-muted">(optional)</span>
          </label>
          <input id="name" name="name" autoComplete="name" className={inputClass} />
        </div>
      ) : null}
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
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
          required
          minLength={mode === 'signup' ? 8 : undefined}
          aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
          className={inputClass}
        />
        {mode === 'signup' ? (
          <p id="password-hint" className="mt-1 text-sm text-ink-muted">
            At least 8 characters.
          </p>
        ) : null}
      </div>
      <Alert state={state} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'One moment…' : label}
      </button>
      <p className="text-sm text-ink-muted">
        {mode === 'signup' ? (
          <>
            Have an account? <Link href="/signin" className="font-medium text-ink underline underline-offset-4">Sign in</Link>
          </>
        ) : (
          <>
            New to Lede? <Link href="/signup" className="font-medium text-ink underline underline-offset-4">Create an account</Link>
            {' · '}
            <Link href="/reset" className="font-medium text-ink underline underline-offset-4">Have a reset code?</Link>
          </>
        )}
      </p>
    </form>
  );
}

/** Redeems a one-time password reset code an admin issued (this install sends no mail). */
export function ResetPasswordForm() {
  const [state, action, pending] = useActionState(resetPasswordAction, initial);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <div>
        <label htmlFor="token" className="text-sm font-medium">
          Reset code
        </label>
        <input id="token" name="token" autoComplete="off" spellCheck={false} required className={`${inputClass} font-mono`} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">
          New password
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} className={inputClass} />
      </div>
      <div>
        <label htmlFor="confirm" className="text-sm font-medium">
          New password again
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required minLength={8} className={inputClass} />
      </div>
      <Alert state={state} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'One moment…' : 'Set new password'}
      </button>
    </form>
  );
}

export function SettingsForm({ name, interests, categories }: { name: string | null; interests: string[]; categories: string[] }) {
  const [state, action, pending] = useActionState(saveSettingsAction, initial);
  const all = [...new Set([...interests, ...categories])];
  return (
    <form action={action} className="mt-4 space-y-4">
      <div>
        <label htmlFor="name" className="text-sm font-medium">
          Name
        </label>
        <input id="name" name="name" defaultValue={name ?? ''} autoComplete="name" className={inputClass} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Sections you follow</legend>
        <p className="mt-1 text-sm text-ink-muted">Each page of your top stories keeps room for them, whatever else you read.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          {all.map((c) => (
            <label key={c} className="flex items-center gap-2 rounded-full border border-rule px-3 py-1 text-sm">
              <input type="checkbox" name="interests" value={c} defaultChecked={interests.includes(c)} className="accent-accent" />
              {formatCategory(c)}
            </label>
          ))}
        </div>
      </fieldset>
      <Alert state={state} />
      <button type="submit" disabled={pending} className={buttonClass}>
        Save settings
      </button>
    </form>
  );
}

export function DeleteAccountForm() {
  const [state, action, pending] = useActionState(deleteAccountAction, initial);
  return (
    <form action={action} className="mt-4 space-y-3">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="confirm" className="size-4 accent-accent" />I understand my account and reading history are deleted for good
      </label>
      <Alert state={state} />
      <button type="submit" disabled={pending} className="rounded-full border border-danger px-6 py-2 font-medium text-danger hover:bg-danger hover:text-paper">
        Delete my account and history
      </button>
    </form>
  );
}
