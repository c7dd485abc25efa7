'use server';

import { TRPCError } from '@trpc/server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';

import { createAdminCaller, createContext } from '@lede/api';
import { clientIp } from '@lede/api/http';

import { env } from '~/env';
import { formText } from '~/lib/search-params';

import { getApi } from './caller';

// Server actions: Next checks that the Origin matches the host (CSRF); the procedures check the admin role.

/** A refusal's message for the page; anything unexpected is a 500. */
function refusal(err: unknown): string {
  if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
  const issues = (err.cause as { issues?: { message: string }[] } | undefined)?.issues;
  return issues?.[0]?.message ?? err.message;
}

/** Runs a staff change and comes back to the staff page with a notice or an error. */
async function run(action: () => Promise<unknown>, done: string): Promise<never> {
  let message: string;
  try {
    await action();
    message = `notice=${encodeURIComponent(done)}`;
  } catch (err) {
    message = `error=${encodeURIComponent(refusal(err))}`;
  }
  revalidatePath('/staff');
  redirect(`/staff?${message}`);
}

const ZStaffRole = z.enum(['EDITOR', 'ADMIN']);
const roleNames = { READER: 'reader', EDITOR: 'editor', ADMIN: 'admin' } as const;

export async function setRoleAction(form: FormData): Promise<void> {
  const userId = formText(form, 'userId');
  const email = formText(form, 'email');
  const role = z.enum(['READER', 'EDITOR', 'ADMIN']).catch('READER').parse(formText(form, 'role'));
  const done = role === 'READER' ? `${email} is no longer on the staff.` : `${email} is now ${role === 'ADMIN' ? 'an admin' : 'an editor'}; their sessions ended.`;
  await run(async () => (await getApi()).admin.staff.setRole({ userId, role }), done);
}

export async function grantAction(form: FormData): Promise<void> {
  const email = formText(form, 'email').trim();
  const role = ZStaffRole.catch('EDITOR').parse(formText(form, 'role'));
  await run(async () => (await getApi()).admin.staff.grant({ email, role }), `${email} is now ${role === 'ADMIN' ? 'an admin' : 'an editor'}.`);
}

export interface TInviteState {
  error: string | null;
  /** The one-time password, shown once. */
  invited: { email: string; role: string; password: string } | null;
}

export async function inviteAction(_prev: TInviteState, form: FormData): Promise<TInviteState> {
  const role = ZStaffRole.catch('EDITOR').parse(formText(form, 'role'));
  try {
    const { user, password } = await (await getApi()).admin.staff.invite({ email: formText(form, 'email').trim(), name: formText(form, 'name').trim() || null, role });
    revalidatePath('/staff');
    return { error: null, invited: { email: user.email ?? '', role: roleNames[user.role], password } };
  } catch (err) {
    return { error: refusal(err), invited: null };
  }
}

export interface TResetIssueState {
  error: string | null;
  issued: { email: string; token: string; expiresAt: string; where: string } | null;
}

/** Issues a one-time reset code; it is returned to the admin's page only (never in a URL). */
export async function issueResetAction(_prev: TResetIssueState, form: FormData): Promise<TResetIssueState> {
  try {
    const { token, expiresAt, user } = await (await getApi()).admin.passwords.issueReset({ userId: formText(form, 'userId') });
    const where = user.role === 'READER' ? `${env.LEDE_READER_URL.replace(/\/$/, '')}/reset` : 'this newsroom’s /reset page';
    return { error: null, issued: { email: user.email, token, expiresAt: expiresAt.toISOString(), where } };
  } catch (err) {
    return { error: refusal(err), issued: null };
  }
}

export interface TResetState {
  error: string | null;
}

const ZResetForm = z
  .object({
    token: z.string().trim().min(1, 'Enter the reset code').max(200),
    password: z.string().min(8, 'Use at least 8 characters').max(200),
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, { message: 'The two passwords differ', path: ['confirm'] });

/** Redeems a staff reset code on the newsroom, then sends the user to sign in with the new password. */
export async function resetPasswordAction(_prev: TResetState, form: FormData): Promise<TResetState> {
  const parsed = ZResetForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form' };
  let email: string;
  try {
    const api = createAdminCaller(await createContext({ ip: clientIp(await headers()) }));
    ({ email } = await api.auth.resetPassword({ token: parsed.data.token, password: parsed.data.password }));
  } catch (err) {
    return { error: refusal(err) };
  }
  redirect(`/signin?reset=${encodeURIComponent(email)}`);
}
