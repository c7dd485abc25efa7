import crypto from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';

import { type Db, Prisma, type Role } from '@lede/db';

import { profileStamp } from '../feed/profile/reader-profile';
import { StampedCache } from '../shared/caches';
import { apiEnv } from '../shared/env';
import { AppError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { rateLimits } from '../shared/rate-limits';
import { DAY_MS, HOUR_MS } from '../shared/time';
import { isIssuedReaderId } from './reader-id';

export interface SessionUser {
  id: string;
  email: string | null;
  name: string | null;
  role: Role;
}

const sessionUserSelect = { id: true, email: true, name: true, role: true } as const;

/** Session tokens are random; only their SHA-256 is stored, so a database leak does not leak sessions. */
function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A used session's idle deadline moves forward at most this often (one write per hour per active session). */
const SLIDE_STEP_MS = HOUR_MS;

/**
 * Sessions end after LEDE_SESSION_IDLE_DAYS without use and LEDE_SESSION_DAYS after sign-in, whichever comes
 * first. `expiresAt` holds the idle deadline and slides forward as the session is used; `createdAt` bounds it.
 */
export async function getSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const id = hashToken(token);
  const session = await db.session.findUnique({ where: { id }, include: { user: { select: sessionUserSelect } } });
  if (!session) return null;
  const now = Date.now();
  const absoluteEnd = session.createdAt.getTime() + apiEnv.LEDE_SESSION_DAYS * DAY_MS;
  if (session.expiresAt.getTime() < now || absoluteEnd < now) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  const idleEnd = Math.min(absoluteEnd, now + apiEnv.LEDE_SESSION_IDLE_DAYS * DAY_MS);
  if (idleEnd - session.expiresAt.getTime() > SLIDE_STEP_MS) await db.session.updateMany({ where: { id }, data: { expiresAt: new Date(idleEnd) } });
  return session.user;
}

/** A new session; `expiresAt` is its absolute end, for the cookie (the idle deadline is checked server-side). */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = new Date(now + apiEnv.LEDE_SESSION_DAYS * DAY_MS);
  const idleEnd = new Date(Math.min(expiresAt.getTime(), now + apiEnv.LEDE_SESSION_IDLE_DAYS * DAY_MS));
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt: idleEnd } });
  return { token, expiresAt };
}

/** Ends every session of a user ("sign out everywhere", password and role changes). */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}

/**
 * Deletes expired sessions, and anonymous readers who never did anything (no event, no impression) and were
 * neither created nor seen in the last LEDE_ANONYMOUS_PURGE_DAYS: every cookie-less visit makes one.
 */
export async function purgeStaleRows(db: Db, now = new Date()) {
  const sessions = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { createdAt: { lt: new Date(now.getTime() - apiEnv.LEDE_SESSION_DAYS * DAY_MS) } }] },
  });
  const cutoff = new Date(now.getTime() - apiEnv.LEDE_ANONYMOUS_PURGE_DAYS * DAY_MS);
  const readers = await db.user.deleteMany({
    where: {
      isAnonymous: true,
      email: null,
      role: 'READER',
      createdAt: { lt: cutoff },
      OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: cutoff } }],
      events: { none: {} },
      impressions: { none: {} },
    },
  });
  return { sessions: sessions.count, anonymousReaders: readers.count };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Checks a password. Unknown emails count against the same lock as known ones, so the lock does not reveal
 * which accounts exist either.
 */
export async function signIn(db: Db, email: string, password: string, ip: string | null = null) {
  const key = email.toLowerCase();
  const limits = rateLimits();
  await limits.assertSignInAllowed(key, ip);
  const user = await db.user.findUnique({ where: { email: key } });
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  dummyHash ??= hash('not-a-real-password');
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user?.passwordHash || !ok) {
    await limits.recordSignInFailure(key, ip);
    throw new AppError('UNAUTHORIZED', 'Wrong email or password');
  }
  await limits.recordSignInSuccess(key);
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, ...(await createSession(db, user.id)) };
}

let dummyHash: Promise<string> | undefined;

const ZReaderId = /^[A-Za-z0-9_-]{8,64}$/;

const log = createLogger('auth');

/** Anonymous readers known to exist, per database, so their requests skip the lookup (see `readerChanged`). */
const knownReaders = new WeakMap<Db, StampedCache<true>>();

/**
 * Creates the anonymous reader row for a cookie id on first use; returns the id. A cookie id that names an
 * account (an anonymous reader who signed up) is not enough to act as it: that takes the session. Only ids
 * this server issued (signed) become new readers, at most LEDE_RATE_NEW_READERS_IP per address and hour.
 */
export async function ensureReader(db: Db, readerId: string, ip: string | null = null): Promise<string> {
  if (!ZReaderId.test(readerId)) throw new AppError('BAD_REQUEST', 'Malformed reader id');
  let known = knownReaders.get(db);
  if (!known) knownReaders.set(db, (known = new StampedCache<true>(50_000)));
  // Account changes (a merge, a deletion) move the profile stamp; a click does not, so it costs no lookup.
  const deps = [profileStamp(readerId)];
  if (known.get(readerId, deps)) return readerId;
  try {
    await lookUpOrCreateReader(db, readerId, ip);
  } catch (err) {
    // The database unreachable: an id this server signed is served (the feed falls back to what the process
    // holds in memory) and looked up again on the next request, as nothing is remembered. Others wait (503).
    if (err instanceof AppError) throw err;
    if (!isIssuedReaderId(readerId)) throw new AppError('SERVICE_UNAVAILABLE', 'Readers cannot be looked up right now: try again shortly');
    log.warn('reader lookup failed; serving the signed reader id unchecked', { err });
    return readerId;
  }
  known.set(readerId, deps, true);
  return readerId;
}

async function lookUpOrCreateReader(db: Db, readerId: string, ip: string | null): Promise<void> {
  const existing = await db.user.findUnique({ where: { id: readerId }, select: { isAnonymous: true } });
  if (existing) {
    if (!existing.isAnonymous) throw new AppError('UNAUTHORIZED', 'This reader has an account: sign in');
    return;
  }
  if (!isIssuedReaderId(readerId)) throw new AppError('UNAUTHORIZED', 'Unknown reader id: reload the page');
  if (ip) await rateLimits().consume('new-reader-ip', ip);
  try {
    await db.user.create({ data: { id: readerId, interests: [] } });
  } catch (err) {
    // Two first requests of the same new reader can race on the insert; the row exists either way.
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
  }
}

/**
 * Makes sure the seeded admin exists. The password comes from LEDE_ADMIN_PASSWORD, else a random one is
 * generated and returned so setup can print it once. An email that already belongs to someone who is not an
 * admin is refused: seeding would hand a reader's (or an editor's) account, and their open sessions, the admin
 * role. Setting the password ends every session of the account (a rotation locks the old holder out).
 */
export async function seedAdmin(db: Db, env: Pick<typeof apiEnv, 'LEDE_ADMIN_EMAIL' | 'LEDE_ADMIN_PASSWORD'> = apiEnv): Promise<{ email: string; password: string | null }> {
  const email = env.LEDE_ADMIN_EMAIL.toLowerCase();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, role: true } });
  if (existing && existing.role !== 'ADMIN') {
    throw new AppError('CONFLICT', `${email} belongs to an existing ${existing.role.toLowerCase()} account: choose another LEDE_ADMIN_EMAIL`);
  }
  if (existing && !env.LEDE_ADMIN_PASSWORD) return { email, password: null };
  const password = env.LEDE_ADMIN_PASSWORD ?? crypto.randomBytes(12).toString('base64url');
  if (existing) await setPassword(db, existing.id, password);
  else await db.user.create({ data: { email, passwordHash: await hashPassword(password), role: 'ADMIN', isAnonymous: false, name: 'Admin', interests: [] } });
  return { email, password };
}

/** Sets the seeded admin's password (LEDE_ADMIN_PASSWORD, else a generated one, returned) and ends its sessions. */
export async function rotateAdminPassword(db: Db): Promise<{ email: string; password: string; generated: boolean }> {
  const password = apiEnv.LEDE_ADMIN_PASSWORD ?? crypto.randomBytes(12).toString('base64url');
  const { email } = await seedAdmin(db, { LEDE_ADMIN_EMAIL: apiEnv.LEDE_ADMIN_EMAIL, LEDE_ADMIN_PASSWORD: password });
  return { email, password, generated: !apiEnv.LEDE_ADMIN_PASSWORD };
}

/** Sets a user's password and ends all their sessions, on every device. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction([db.user.update({ where: { id: userId }, data: { passwordHash } }), db.session.deleteMany({ where: { userId } })]);
}

/** Changes the signed-in user's password after checking the current one; all sessions end, a new one is returned. */
export async function changePassword(db: Db, userId: string, current: string, next: string, ip: string | null = null) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (!user.email) throw new AppError('BAD_REQUEST', 'This reader has no password');
  // Through signIn, so wrong current passwords count against the same lock as sign-in attempts.
  await signIn(db, user.email, current, ip);
  await setPassword(db, userId, next);
  return createSession(db, userId);
}
