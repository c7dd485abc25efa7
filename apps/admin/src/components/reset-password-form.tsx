'use client';

import { useActionState } from 'react';

import { resetPasswordAction, type TResetState } from '~/server/staff-actions';

const inputClass =
  'mt-1 block w-full rounded-md border border-rule bg-surface px-3 py-2 text-ink placeholder:text-ink-muted focus-visible:border-accent';

/** Redeems a one-time reset code an admin issued (staff accounts). */
export function ResetPasswordForm() {
  const [state, action, pending] = useActionState<TResetState, FormData>(resetPasswordAction, { error: null });
  return (
    <form action={action} className="space-y-4" noValidate>
      <div>
        <label htmlFor="token" className="text-sm font-medium">
          Reset code
        </label>
        <input id="token" name="token" type="text" autoComplete="off" spellCheck={false} required className={`${inputClass} font-mono`} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">
          New password
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required className={inputClass} />
      </div>
      <div>
        <label htmlFor="confirm" className="text-sm font-medium">
          New password again
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={8} required className={inputClass} />
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
        {pending ? 'Setting…' : 'Set new password'}
      </button>
    </form>
  );
}
