import { z } from 'zod';

import { deleteSession, signIn } from '@lede/domain/readers';

import { createTRPCRouter, publicProcedure } from '../trpc';
import { ZSessionUser } from './auth.schema';

export const authRouter = createTRPCRouter({
  me: publicProcedure.output(ZSessionUser.nullable()).query(({ ctx }) => ctx.user),

  /** Returns the session token; the app puts it in an httpOnly cookie. */
  signIn: publicProcedure
    .input(z.object({ email: z.string().email().max(200), password: z.string().min(1).max(200) }))
    .output(z.object({ user: ZSessionUser, token: z.string(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => signIn(ctx.db, input.email, input.password)),

  signOut: publicProcedure.output(z.object({ ok: z.boolean() })).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.db, ctx.sessionToken);
    return { ok: true };
  }),
});
