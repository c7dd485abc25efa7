import { z } from 'zod';

import { changePassword, deleteSession, endAllSessions, redeemPasswordReset, signIn } from '@lede/domain/readers';

import { createTRPCRouter, publicProcedure, signedInProcedure } from '../../trpc';
import { ZSession, ZSessionUser } from './auth.schema';

const ZNewPassword = z.string().min(8, 'Use at least 8 characters').max(200);

/**
 * Sign-in, sign-out and passwords, mounted by both apps. `app` picks which reset tokens `resetPassword`
 * redeems: the newsroom takes staff tokens, the reader site reader tokens.
 */
export const makeAuthRouter = (app: 'staff' | 'reader') => createTRPCRouter({
  me: publicProcedure.output(ZSessionUser.nullable()).query(({ ctx }) => ctx.user),

  /** Returns the session token; the app puts it in an httpOnly cookie. */
  signIn: publicProcedure
    .input(z.object({ email: z.string().email().max(200), password: z.string().min(1).max(200) }))
    .output(ZSession)
    .mutation(({ ctx, input }) => signIn(ctx.db, input.email, input.password, ctx.ip)),

  signOut: publicProcedure.output(z.object({ ok: z.boolean() })).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.db, ctx.sessionToken);
    return { ok: true };
  }),

  /** Ends every session of the signed-in user, this one included. */
  signOutEverywhere: signedInProcedure
    .output(z.object({ ended: z.number() }))
    .mutation(async ({ ctx }) => ({ ended: await endAllSessions(ctx.db, ctx.user.id) })),

  /** Checks the current password, sets the new one, ends every session and returns a fresh one for this device. */
  changePassword: signedInProcedure
    .input(z.object({ current: z.string().min(1).max(200), next: ZNewPassword }))
    .output(z.object({ token: z.string(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user.id, input.current, input.next, ctx.ip)),

  /**
   * Redeems a one-time reset token an admin issued (admin.passwords.issueReset, or `npm run password:reset`):
   * sets the new password and ends every session of the account; the user then signs in.
   */
  resetPassword: publicProcedure
    .input(z.object({ token: z.string().trim().min(16).max(200), password: ZNewPassword }))
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => redeemPasswordReset(ctx.db, { token: input.token, password: input.password, app })),
});
