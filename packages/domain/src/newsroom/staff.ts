import crypto from 'node:crypto';

import { type Db, Prisma, type Role } from '@lede/db';

import { endAllSessions, hashPassword } from '../readers/auth';
import { AppError } from '../shared/errors';
import { auditCreate } from './audit';

const staffSelect = { id: true, email: true, name: true, role: true, createdAt: true } as const;

/** Editors and admins, admins first. */
export function listStaff(db: Db) {
  return db.user.findMany({ where: { role: { in: ['EDITOR', 'ADMIN'] } }, select: staffSelect, orderBy: [{ role: 'asc' }, { email: 'asc' }] });
}

/**
 * Creates a staff account with a one-time password, returned once for the admin to hand over (an offline
 * install has no mail). An email that already has an account is refused: promote that account instead.
 */
export async function inviteStaff(db: Db, actorId: string, input: { email: string; name?: string | null; role: 'EDITOR' | 'ADMIN' }) {
  const email = input.email.toLowerCase();
  const password = crypto.randomBytes(12).toString('base64url');
  try {
    const [user] = await db.$transaction([
      db.user.create({ data: { email, name: input.name?.trim() || null, role: input.role, isAnonymous: false, interests: [], passwordHash: await hashPassword(password) }, select: staffSelect }),
      auditCreate(db, { actorId, action: 'staff.invite', target: email, details: { role: input.role } }),
    ]);
    return { user, password };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new AppError('CONFLICT', 'An account with this email exists: change its role instead');
    throw err;
  }
}

/**
 * Promotes, demotes or removes (READER) a staff member. Every open session of that account ends, so the new
 * role starts with a fresh sign-in. Admins cannot change their own role, so the last admin always stays.
 */
export async function setStaffRole(db: Db, actorId: string, userId: string, role: Role) {
  if (userId === actorId) throw new AppError('FORBIDDEN', 'Ask another admin to change your own role');
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, isAnonymous: true } });
  if (!user || user.isAnonymous) throw new AppError('NOT_FOUND', 'No such account');
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { role } }),
    auditCreate(db, { actorId, action: 'staff.role', target: userId, details: { from: user.role, to: role } }),
  ]);
  await endAllSessions(db, userId);
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: staffSelect });
}

/** Gives an existing account (a reader who signed up) a staff role, by its email; see setStaffRole. */
export async function setStaffRoleByEmail(db: Db, actorId: string, email: string, role: Role) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No account with this email: invite them instead');
  return setStaffRole(db, actorId, user.id, role);
}
