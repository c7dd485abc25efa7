'use client';

import { useActionState } from 'react';

import { FormMessage, ResetCodeFields } from '@lede/ui';

import { resetPasswordAction, type TResetState } from '~/server/staff-actions';
import { SubmitButton } from './submit-button';

/** Redeems a one-time reset code an admin issued (staff accounts). */
export function ResetPasswordForm() {
  const [state, action, pending] = useActionState<TResetState, FormData>(resetPasswordAction, { error: null });
  return (
    <form action={action} className="space-y-4" noValidate>
      <ResetCodeFields />
      <FormMessage error={state.error} />
      <SubmitButton pending={pending} busy="Setting…">
        Set new password
      </SubmitButton>
    </form>
  );
}
