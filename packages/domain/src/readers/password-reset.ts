import crypto from 'node:crypto';

import type { Db } from '@lede/db';

import { auditCreate } from '../newsroom/audit';
import { apiEnv } from '../shared/env';
import { AppError } from '../shared/errors';
import { rateLimits } from '../shared/rate-limits';
import { hashPassword } from './auth';

const MINUTE_MS = 60_000;

/** Like session tokens, only the SHA-256 of a reset token is stored. */
function hashResetToken(token: string): string {
  return crypto.createHash('sha256').update(token.trim()).digest('hex');
}

/** One answer for every token that cannot be used (unknown, used, expired, wrong app), so none is told apart. */
const INVALID = 'This reset code is invalid, used or expired: ask an admin for a new one';

/**
 * An admin issues a one-time password reset for an account with a password (staff or reader): an offline
 * install has no mail, so the admin hands the token over. It is valid for LEDE_PASSWORD_RESET_MINUTES, replaces
 * any earlier token of that account, and is returned once (only its hash is stored).
 */
export async function issuePasswordReset(db: Db, actorId: string | null, userId: string, now = new Date()) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, isAnonymous: true } });
  if (!user || user.isAnonymous || !user.email) throw new AppError('NOT_FOUND', 'No account with a password');
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + apiEnv.LEDE_PASSWORD_RESET_MINUTES * MINUTE_MS);
  await db.$transaction([
    db.passwordReset.deleteMany({ where: { userId } }),
    db.passwordReset.create({ data: { id: hashResetToken(token), userId, expiresAt } }),
    auditCreate(db, { actorId, action: 'user.reset-issue', target: userId, details: { email: user.email, role: user.role, expiresAt: expiresAt.toISOString() } }),
  ]);
  return { token, expiresAt, user: { id: user.id, email: user.email, role: user.role } };
}

/** Issues a reset by email (the CLI: `npm run password:reset -- EMAIL`). */
export async function issuePasswordResetByEmail(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', `No account with the email ${email}`);
  return issuePasswordReset(db, null, user.id);
}

/**
 * Redeems a reset token: sets the new password, ends every session of the account and clears its sign-in
 * lock. The token is claimed by deleting its row, so it works once even when two requests race. `staff`
 * redeems only editor/admin tokens (the newsroom), `reader` only reader tokens (the public site).
 */
export async function redeemPasswordReset(db: Db, input: { token: string; password: string; app: 'staff' | 'reader' }, now = new Date()) {
  const id = hashResetToken(input.token);
  const reset = await db.passwordReset.findUnique({ where: { id }, include: { user: { select: { email: true, role: true } } } });
  const isStaff = reset ? reset.user.role !== 'READER' : false;
  if (!reset || reset.expiresAt <= now || !reset.user.email || isStaff !== (input.app === 'staff')) {
    if (reset && reset.expiresAt <= now) await db.passwordReset.deleteMany({ where: { id } });
    throw new AppError('BAD_REQUEST', INVALID);
  }
  const claimed = await db.passwordReset.deleteMany({ where: { id, expiresAt: { gt: now } } });
  if (claimed.count !== 1) throw new AppError('BAD_REQUEST', INVALID);
  const passwordHash = await hashPassword(input.password);
  await db.$transaction([
    db.user.update({ where: { id: reset.userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: reset.userId } }),
    auditCreate(db, { actorId: reset.userId, action: 'user.password-reset', target: reset.userId, details: { email: reset.user.email } }),
  ]);
  await rateLimits().recordSignInSuccess(reset.user.email);
  return { email: reset.user.email };
}
