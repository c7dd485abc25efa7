'use client';

import { useActionState } from 'react';

import { inviteAction, issueResetAction, type TInviteState, type TResetIssueState } from '~/server/staff-actions';

const field = 'mt-1 block rounded-md border border-rule bg-paper px-3 py-2';
const button = 'rounded-md px-3 py-1.5 text-sm font-medium';

/** Invites a new editor or admin; the one-time password is shown here once. */
export function InviteForm() {
  const [state, action, pending] = useActionState<TInviteState, FormData>(inviteAction, { error: null, invited: null });
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-4 text-sm">
      <label className="font-medium">
        Email
        <input name="email" type="email" required maxLength={200} autoComplete="off" className={`${field} w-64`} />
      </label>
      <label className="font-medium">
        Name
        <input name="name" type="text" maxLength={100} autoComplete="off" className={`${field} w-48`} />
      </label>
      <label className="font-medium">
        Role
        <select name="role" defaultValue="EDITOR" className={field}>
          <option value="EDITOR">Editor</option>
          <option value="ADMIN">Admin</option>
        </select>
      </label>
      <button type="submit" disabled={pending} className={`${button} bg-ink text-paper hover:opacity-90 disabled:opacity-60`}>
        {pending ? 'Inviting…' : 'Invite'}
      </button>
      {state.error ? (
        <p role="alert" className="w-full font-medium text-danger">
          {state.error}
        </p>
      ) : null}
      {state.invited ? (
        <p role="status" className="w-full rounded-md border border-rule bg-paper px-3 py-2">
          Invited {state.invited.email} as {state.invited.role}. One-time password (shown once, hand it over and ask them to
          change it): <code className="font-mono break-all select-all">{state.invited.password}</code>
        </p>
      ) : null}
    </form>
  );
}

/** Issues a one-time password reset code for one account; the code is shown here once. */
export function IssueResetForm({ userId, email }: { userId: string; email: string }) {
  const [state, action, pending] = useActionState<TResetIssueState, FormData>(issueResetAction, { error: null, issued: null });
  return (
    <form action={action} className="text-sm">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} aria-label={`Issue a password reset for ${email}`} className={`${button} border border-rule hover:border-ink disabled:opacity-60`}>
        Password reset
      </button>
      {state.error ? (
        <p role="alert" className="mt-2 font-medium text-danger">
          {state.error}
        </p>
      ) : null}
      {state.issued ? (
        <p role="status" className="mt-2 max-w-md rounded-md border border-rule bg-paper px-3 py-2">
          Reset code for {state.issued.email}, usable once until {new Date(state.issued.expiresAt).toLocaleString('en-GB')} on{' '}
          {state.issued.where}: <code className="font-mono break-all select-all">{state.issued.token}</code>
        </p>
      ) : null}
    </form>
  );
}
