'use client';

import { useActionState } from 'react';

import { FormMessage, TextField } from '@lede/ui';

import { signInAction, type TSignInState } from '~/server/auth-actions';
import { SubmitButton } from './submit-button';

export function SignInForm({ next, email = '' }: { next?: string; email?: string }) {
  const [state, action, pending] = useActionState<TSignInState, FormData>(signInAction, { error: null, email });
  return (
    <form action={action} className="space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField id="email" label="Email" type="email" autoComplete="username" required defaultValue={state.email} />
      <TextField id="password" label="Password" type="password" autoComplete="current-password" required />
      <FormMessage error={state.error} />
      <SubmitButton pending={pending} busy="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
