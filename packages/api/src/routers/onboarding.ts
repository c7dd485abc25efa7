import { z } from 'zod';

import { feedDepsFor } from '@lede/domain/feed';
import { completeOnboarding, listOnboardingOptions, readOnboardingStatus } from '@lede/domain/readers';

import { createTRPCRouter, readerProcedure } from '../trpc';

const ZStatus = z.object({ interests: z.array(z.string()), needsOnboarding: z.boolean() });

export const ZOnboardingCompleteInput = z.object({
  interests: z.array(z.string().min(1).max(64)).max(30),
  liked: z.array(z.string().min(1).max(64)).max(30).default([]),
});

export const onboardingRouter = createTRPCRouter({
  status: readerProcedure.output(ZStatus).query(({ ctx }) => readOnboardingStatus(ctx.db, ctx.readerId)),

  options: readerProcedure
    .output(
      ZStatus.extend({
        categories: z.array(
          z.object({ name: z.string(), count: z.number(), examples: z.array(z.object({ id: z.string(), title: z.string() })) }),
        ),
      }),
    )
    .query(({ ctx }) => listOnboardingOptions(feedDepsFor(ctx.db), ctx.readerId)),

  complete: readerProcedure
    .input(ZOnboardingCompleteInput)
    .output(z.object({ interests: z.array(z.string()), liked: z.number() }))
    .mutation(({ ctx, input }) => completeOnboarding(ctx.db, ctx.readerId, input)),
});
