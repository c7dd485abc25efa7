import { z } from 'zod';

import { deleteReader, exportReaderData, readProfile, signInReader, signUp, updateProfile } from '../services/account';
import { rateLimits } from '../services/security/rate-limits';
import { createTRPCRouter, publicProcedure, readerProcedure } from '../trpc';

const ZRole = z.enum(['READER', 'EDITOR', 'ADMIN']);
const ZSessionUser = z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), role: ZRole });
const ZSession = z.object({ user: ZSessionUser, token: z.string(), expiresAt: z.date() });
const ZProfile = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: ZRole,
  isAnonymous: z.boolean(),
  interests: z.array(z.string()),
  createdAt: z.date(),
  lastVisitAt: z.date().nullable(),
});

export const ZSignUpInput = z.object({
  email: z.email().max(200),
  password: z.string().min(8, 'Use at least 8 characters').max(200),
  name: z.string().max(100).nullish(),
});
const ZSignInInput = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });
export const ZUpdateProfileInput = z.object({
  name: z.string().max(100).nullish(),
  interests: z.array(z.string().min(1).max(64)).max(30).optional(),
});

const ZExport = z.object({
  exportedAt: z.date(),
  profile: ZProfile,
  events: z.array(
    z.object({
      type: z.string(),
      articleId: z.string(),
      requestId: z.string().nullable(),
      position: z.number().nullable(),
      dwellMs: z.number().nullable(),
      createdAt: z.date(),
    }),
  ),
  impressions: z.array(
    z.object({ requestId: z.string(), articleId: z.string(), modelVersion: z.string(), position: z.number(), score: z.number(), createdAt: z.date() }),
  ),
});

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
