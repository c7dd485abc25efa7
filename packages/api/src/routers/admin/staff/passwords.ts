import { z } from 'zod';

import { issuePasswordReset } from '@lede/domain/readers';

import { adminProcedure, createTRPCRouter } from '../../../trpc';

/** Password resets for an offline install (no mail): an admin issues a one-time token and hands it over. */
export const adminPasswordsRouter = createTRPCRouter({
  /**
   * A one-time reset token for a staff member or a reader account, valid LEDE_PASSWORD_RESET_MINUTES; returned
   * once (only its hash is stored), replacing any earlier one. Staff redeem it on the newsroom's /reset,
   * readers on the reader site's /reset. Audited (user.reset-issue).
   */
  issueReset: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(200) }))
    .output(z.object({ token: z.string(), expiresAt: z.date(), user: z.object({ id: z.string(), email: z.string(), role: z.enum(['READER', 'EDITOR', 'ADMIN']) }) }))
    .mutation(({ ctx, input }) => issuePasswordReset(ctx.db, ctx.user.id, input.userId)),
});
