import { z } from 'zod';

import { deleteReader, exportReaderData, readProfile, signInReader, signUp, updateProfile } from '@lede/domain/readers';

import { rateLimits } from '@lede/domain/shared';

import { createTRPCRouter, publicProcedure, readerProcedure } from '../../trpc';
import { ZExport, ZProfile, ZSession, ZSignInInput, ZSignUpInput, ZUpdateProfileInput } from './account.schema';

/** The reader's account: sign up (keeping anonymous history), sign in, settings, export, deletion. */
export const accountRouter = createTRPCRouter({
  profile: readerProcedure.output(ZProfile).query(({ ctx }) => readProfile(ctx.db, ctx.readerId)),

  /** Returns the session token; the app puts it in an httpOnly cookie. */
  signUp: readerProcedure
    .input(ZSignUpInput)
    .output(ZSession)
    .mutation(async ({ ctx, input }) => {
      if (ctx.ip) await rateLimits().consume('signup-ip', ctx.ip);
      return signUp(ctx.db, ctx.readerId, ctx.user, input);
    }),

  signIn: publicProcedure
    .input(ZSignInInput)
    .output(ZSession)
    .mutation(({ ctx, input }) => signInReader(ctx.db, ctx.user ? null : ctx.readerId, input.email, input.password, ctx.ip)),

  update: readerProcedure
    .input(ZUpdateProfileInput)
    .output(ZProfile)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.readerId, input)),

  export: readerProcedure.output(ZExport).query(({ ctx }) => exportReaderData(ctx.db, ctx.readerId)),

  delete: readerProcedure.output(z.object({ deleted: z.boolean() })).mutation(({ ctx }) => deleteReader(ctx.db, ctx.readerId)),
});
