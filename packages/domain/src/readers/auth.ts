import crypto from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';

import { type Db, Prisma, type Role } from '@lede/db';

import { apiEnv } from '../shared/env';
import { AppError } from '../shared/errors';
import { readerStamp, StampedCache } from '../feed/reader-profile';

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

export async function getSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const session = await db.session.findUnique({
    where: { id: hashToken(token) },
    include: { user: { select: sessionUserSelect } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return session.user;
}

export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + apiEnv.LEDE_SESSION_DAYS * 86_400_000);
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function signIn(db: Db, email: string, password: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  // Verify against a dummy hash when the user is unknown so timing does not reveal which emails exist.
  dummyHash ??= hash('not-a-real-password');
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user?.passwordHash || !ok) throw new AppError('UNAUTHORIZED', 'Wrong email or password');
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, ...(await createSession(db, user.id)) };
}

let dummyHash: Promise<string> | undefined;

const ZReaderId = /^[A-Za-z0-9_-]{8,64}$/;

/** Anonymous readers known to exist, per database, so their requests skip the lookup (see `readerChanged`). */
const knownReaders = new WeakMap<Db, StampedCache<true>>();

/**
 * Creates the anonymous reader row for a cookie id on first use; returns the id. A cookie id that names an
 * account (an anonymous reader who signed up) is not enough to act as it: that takes the session.
 */
export async function ensureReader(db: Db, readerId: string): Promise<string> {
  if (!ZReaderId.test(readerId)) throw new AppError('BAD_REQUEST', 'Malformed reader id');
  let known = knownReaders.get(db);
  if (!known) knownReaders.set(db, (known = new StampedCache<true>(50_000)));
  const deps = [readerStamp(readerId)];
  if (known.get(readerId, deps)) return readerId;
  await lookUpOrCreateReader(db, readerId);
  known.set(readerId, deps, true);
  return readerId;
}

async function lookUpOrCreateReader(db: Db, readerId: string): Promise<void> {
  const existing = await db.user.findUnique({ where: { id: readerId }, select: { isAnonymous: true } });
  if (existing) {
    if (!existing.isAnonymous) throw new AppError('UNAUTHORIZED', 'This reader has an account: sign in');
    return;
  }
  try {
    await db.user.create({ data: { id: readerId, interests: [] } });
  } catch (err) {
    // Two first requests of the same new reader can race on the insert; the row exists either way.
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
  }
}

/**
 * Makes sure the seeded admin exists. The password comes from LEDE_ADMIN_PASSWORD, else a random one is
 * generated and returned so setup can print it once.
 */
export async function seedAdmin(db: Db): Promise<{ email: string; password: string | null }> {
  const email = apiEnv.LEDE_ADMIN_EMAIL.toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing && !apiEnv.LEDE_ADMIN_PASSWORD) return { email, password: null };
  const password = apiEnv.LEDE_ADMIN_PASSWORD ?? crypto.randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db.user.upsert({
    where: { email },
    create: { email, passwordHash, role: 'ADMIN', isAnonymous: false, name: 'Admin', interests: [] },
    update: { passwordHash, role: 'ADMIN' },
  });
  return { email, password };
}
