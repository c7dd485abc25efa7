import { z } from 'zod';

import { feedDepsFor } from '@lede/domain/feed';
import { completeOnboarding, listOnboardingOptions, readOnboardingStatus } from '@lede/domain/readers';

import { createTRPCRouter, readerProcedure } from '../../trpc';
import { ZOnboardingCompleteInput, ZStatus } from './onboarding.schema';

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
