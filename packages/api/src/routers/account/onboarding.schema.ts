import { z } from 'zod';

export const ZStatus = z.object({ interests: z.array(z.string()), needsOnboarding: z.boolean() });

export const ZOnboardingCompleteInput = z.object({
  interests: z.array(z.string().min(1).max(64)).max(30),
  liked: z.array(z.string().min(1).max(64)).max(30).default([]),
});
