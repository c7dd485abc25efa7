'use server';

import { TRPCError } from '@trpc/server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';

import { createAdminCaller, createContext } from '@lede/api';
import { clientIp, safeRedirectPath } from '@lede/api/http';

import { getApi } from './caller';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export interface TSignInState {
  error: string | null;
  email: string;
}

const ZSignInForm = z.object({
  email: z.string().trim().email('Enter an email address').max(200),
  password: z.string().min(1, 'Enter your password').max(200),
  next: z.string().optional(),
});

export async function signInAction(_prev: TSignInState, form: FormData): Promise<TSignInState> {
  const parsed = ZSignInForm.safeParse(Object.fromEntries(form));
  const rawEmail = form.get('email');
  const email = typeof rawEmail === 'string' ? rawEmail : '';
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Check the form', email };

  let session;
  try {
    const api = createAdminCaller(await createContext({ ip: clientIp(await headers()) }));
    session = await api.auth.signIn({ email: parsed.data.email, password: parsed.data.password });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === 'UNAUTHORIZED' || err.code === 'BAD_REQUEST')) {
      return { error: 'Wrong email or password', email };
    }
    if (err instanceof TRPCError && err.code === 'TOO_MANY_REQUESTS') return { error: err.message, email };
    throw err;
  }
  await setSessionCookie(session.token, session.expiresAt);
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  redirect(safeRedirectPath(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  await (await getApi()).auth.signOut();
  await clearSessionCookie();
  redirect('/signin');
}
