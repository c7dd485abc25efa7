'use server';

import { TRPCError } from '@trpc/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';

import { getApi } from './caller';
import { clearSessionCookie, rotateReaderCookie, setSessionCookie } from './identity-cookies';

// Server actions: Next checks that the Origin matches the host, which is the CSRF protection here.

export interface TFormState {
  error: string | null;
  email: string;
  message?: string | null;
}

const ZCredentials = z.object({
  email: z.string().trim().email('Enter an email address').max(200),
  password: z.string().min(1, 'Enter your password').max(200),
  name: z.string().trim().max(100).optional(),
});

function emailOf(form: FormData): string {
  const raw = form.get('email');
  return typeof raw === 'string' ? raw : '';
}

function messageOf(err: unknown, fallback: string): string {
  if (err instanceof TRPCError && err.code !== 'INTERNAL_SERVER_ERROR') {
    const issues = (err.cause as { issues?: { message: string }[] } | undefined)?.issues;
    return issues?.[0]?.message ?? (err.code === 'UNAUTHORIZED' ? fallback : err.message);
  }
  throw err;
}

export async function signUpAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const email = emailOf(form);
  const parsed = ZCredentials.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email };
  let session;
  try {
    session = await (await getApi()).account.signUp({ email: parsed.data.email, password: parsed.data.password, name: parsed.data.name || null });
  } catch (err) {
    return { error: messageOf(err, 'Could not sign up'), email };
  }
  await setSessionCookie(session.token, session.expiresAt);
  await rotateReaderCookie();
  redirect('/');
}

export async function signInAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const email = emailOf(form);
  const parsed = ZCredentials.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email };
  let session;
  try {
    session = await (await getApi()).account.signIn({ email: parsed.data.email, password: parsed.data.password });
  } catch (err) {
    return { error: messageOf(err, 'Wrong email or password'), email };
  }
  await setSessionCookie(session.token, session.expiresAt);
  await rotateReaderCookie();
  redirect('/');
}

const ZReset = z
  .object({
    token: z.string().trim().min(1, 'Enter the reset code').max(200),
    password: z.string().min(8, 'Use at least 8 characters').max(200),
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, { message: 'The two passwords differ', path: ['confirm'] });

/** Redeems a one-time reset code an admin issued; every session of the account ends, then the reader signs in. */
export async function resetPasswordAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const parsed = ZReset.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email: '' };
  let email: string;
  try {
    ({ email } = await (await getApi()).auth.resetPassword({ token: parsed.data.token, password: parsed.data.password }));
  } catch (err) {
    return { error: messageOf(err, 'Could not reset the password'), email: '' };
  }
  redirect(`/signin?reset=${encodeURIComponent(email)}`);
}

export async function signOutAction(): Promise<void> {
  await (await getApi()).auth.signOut();
  await clearSessionCookie();
  await rotateReaderCookie();
  redirect('/');
}

const ZSettings = z.object({ name: z.string().trim().max(100), interests: z.array(z.string().min(1).max(64)).max(30) });

export async function saveSettingsAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const parsed = ZSettings.safeParse({ name: form.get('name') ?? '', interests: form.getAll('interests') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email: '' };
  await (await getApi()).account.update({ name: parsed.data.name || null, interests: parsed.data.interests });
  revalidatePath('/', 'layout');
  return { error: null, email: '', message: 'Settings saved.' };
}

export async function deleteAccountAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  if (form.get('confirm') !== 'on') return { error: 'Tick the box to confirm.', email: '' };
  try {
    await (await getApi()).account.delete();
  } catch (err) {
    return { error: messageOf(err, 'Could not delete this account'), email: '' };
  }
  await clearSessionCookie();
  await rotateReaderCookie();
  redirect('/?deleted=1');
}
