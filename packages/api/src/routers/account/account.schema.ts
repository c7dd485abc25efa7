import { z } from 'zod';

import { ZRole } from '@lede/domain/readers';

export { ZSession } from './auth.schema';

export const ZProfile = z.object({
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
export const ZSignInInput = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });
export const ZUpdateProfileInput = z.object({
  name: z.string().max(100).nullish(),
  interests: z.array(z.string().min(1).max(64)).max(30).optional(),
});

export const ZExport = z.object({
  exportedAt: z.date(),
  profile: ZProfile,
  saved: z.array(z.object({ articleId: z.string(), createdAt: z.date() })),
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
