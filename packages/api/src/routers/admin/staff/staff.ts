import { z } from 'zod';

import { inviteStaff, listStaff, setStaffRole, setStaffRoleByEmail } from '@lede/domain/newsroom';
import { ZRole } from '@lede/domain/readers';

import { adminProcedure, createTRPCRouter } from '../../../trpc';

const ZStaff = z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), role: ZRole, createdAt: z.date() });

/** Staff management (admins only): invite, promote, demote, remove; every change is audited. */
export const adminStaffRouter = createTRPCRouter({
  list: adminProcedure.output(z.array(ZStaff)).query(({ ctx }) => listStaff(ctx.db)),

  /** Returns the one-time password once; the invitee changes it with auth.changePassword. */
  invite: adminProcedure
    .input(z.object({ email: z.email().max(200), name: z.string().max(100).nullish(), role: ZRole.exclude(['READER']) }))
    .output(z.object({ user: ZStaff, password: z.string() }))
    .mutation(({ ctx, input }) => inviteStaff(ctx.db, ctx.user.id, input)),

  /** READER removes someone from the staff (their account stays). */
  setRole: adminProcedure
    .input(z.object({ userId: z.string().min(1).max(200), role: ZRole }))
    .output(ZStaff)
    .mutation(({ ctx, input }) => setStaffRole(ctx.db, ctx.user.id, input.userId, input.role)),

  /** Gives an existing account (e.g. a reader who signed up) a staff role by its email. */
  grant: adminProcedure
    .input(z.object({ email: z.email().max(200), role: ZRole.exclude(['READER']) }))
    .output(ZStaff)
    .mutation(({ ctx, input }) => setStaffRoleByEmail(ctx.db, ctx.user.id, input.email, input.role)),
});
