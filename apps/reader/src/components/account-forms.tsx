'use client';

import Link from 'next/link';
import { useActionState } from 'react';

import { formatCategory, FormMessage, ResetCodeFields, TextField } from '@lede/ui';

import { deleteAccountAction, resetPasswordAction, saveSettingsAction, signInAction, signUpAction, type TFormState } from '~/server/account-actions';

const buttonClass = 'rounded-full bg-ink px-6 py-2 font-medium text-paper hover:opacity-90 disabled:cursor-wait disabled:opacity-60';
const initial: TFormState = { error: null, email: '' };

export function CredentialsForm({ mode, email = '' }: { mode: 'signin' | 'signup'; email?: string }) {
  const [state, action, pending] = useActionState(mode === 'signup' ? signUpAction : signInAction, { ...initial, email });
  const label = mode === 'signup' ? 'Create account' : 'Sign in';
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {mode === 'signup' ? <TextField id="name" label={<>Name <span className="font-normal text-ink-muted">(optional)</span></>} autoComplete="name" /> : null}
      <TextField id="email" label="Email" type="email" autoComplete="username" required defaultValue={state.email} />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
        required
        minLength={mode === 'signup' ? 8 : undefined}
        hint={mode === 'signup' ? 'At least 8 characters.' : undefined}
      />
      <FormMessage error={state.error} message={state.message} />
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
      <ResetCodeFields />
      <FormMessage error={state.error} message={state.message} />
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
      <TextField id="name" label="Name" defaultValue={name ?? ''} autoComplete="name" />
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
      <FormMessage error={state.error} message={state.message} />
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
      <FormMessage error={state.error} message={state.message} />
      <button type="submit" disabled={pending} className="rounded-full border border-danger px-6 py-2 font-medium text-danger hover:bg-danger hover:text-paper">
        Delete my account and history
      </button>
    </form>
  );
}
