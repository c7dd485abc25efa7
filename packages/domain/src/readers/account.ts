import { type Db, Prisma } from '@lede/db';

import { AppError } from '../shared/errors';
import { createSession, hashPassword, type SessionUser, signIn } from './auth';
import { parseInterests, readerChanged } from '../feed/profile/reader-profile';

const userSelect = { id: true, email: true, name: true, role: true, isAnonymous: true, interests: true, createdAt: true, lastVisitAt: true } as const;

/** The reader's own profile, as the settings page and the data export show it. */
export async function readProfile(db: Db, readerId: string) {
  const user = await db.user.findUnique({ where: { id: readerId }, select: userSelect });
  if (!user) throw new AppError('NOT_FOUND', 'No such reader');
  return { ...user, interests: parseInterests(user.interests) };
}

/**
 * The one refusal of a sign-up, whatever the reason (the email is taken, this reader already has an account):
 * it does not say whether the email has an account.
 */
export const SIGN_UP_REFUSED = 'Could not create an account with these details. If you already have one, sign in (an admin can issue a password reset).';

/**
 * Turns the current reader into an account. An anonymous reader keeps their row, so their clicks, feedback
 * and impressions stay theirs; a signed-in user cannot sign up again. A taken email gets the same answer as
 * any other refusal, after the same password hashing a new account costs, so neither the text nor the time
 * tells whether the email exists.
 */
export async function signUp(db: Db, readerId: string, signedIn: SessionUser | null, input: { email: string; password: string; name?: string | null }) {
  if (signedIn) throw new AppError('CONFLICT', 'You are already signed in');
  const email = input.email.toLowerCase();
  // Hash before looking the email up: the argon2 hash is most of a sign-up's time, taken email or not.
  const passwordHash = await hashPassword(input.password);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new AppError('CONFLICT', SIGN_UP_REFUSED);
  const data = { email, passwordHash, name: input.name?.trim() || null, isAnonymous: false };
  try {
    const updated = await db.user.updateMany({ where: { id: readerId, isAnonymous: true, email: null }, data });
    if (updated.count === 0) throw new AppError('CONFLICT', SIGN_UP_REFUSED);
    readerChanged(readerId);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new AppError('CONFLICT', SIGN_UP_REFUSED);
    throw err;
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: readerId }, select: { id: true, email: true, name: true, role: true } });
  return { user, ...(await createSession(db, user.id)) };
}

/**
 * Signs in and brings along what this device read anonymously: the anonymous reader's events, impressions and
 * saved stories move to the account and the anonymous row is deleted, so history is neither lost nor duplicated.
 */
export async function signInReader(db: Db, anonymousId: string | null, email: string, password: string, ip: string | null = null) {
  const session = await signIn(db, email, password, ip);
  if (anonymousId && anonymousId !== session.user.id) {
    const anon = await db.user.findUnique({ where: { id: anonymousId }, select: { isAnonymous: true } });
    if (anon?.isAnonymous) {
      // A story saved on both sides stays saved once (the anonymous copy goes with the anonymous row).
      const owned = await db.savedArticle.findMany({ where: { userId: session.user.id }, select: { articleId: true } });
      await db.$transaction([
        db.savedArticle.updateMany({
          where: { userId: anonymousId, articleId: { notIn: owned.map((o) => o.articleId) } },
          data: { userId: session.user.id },
        }),
        db.readerEvent.updateMany({ where: { userId: anonymousId }, data: { userId: session.user.id } }),
        db.impression.updateMany({ where: { userId: anonymousId }, data: { userId: session.user.id } }),
        db.user.delete({ where: { id: anonymousId } }),
      ]);
      readerChanged(anonymousId, session.user.id);
    }
  }
  return session;
}

export async function updateProfile(db: Db, readerId: string, input: { name?: string | null; interests?: string[] }) {
  await db.user.update({
    where: { id: readerId },
    data: {
      ...(input.name !== undefined ? { name: input.name?.trim() || null } : {}),
      ...(input.interests ? { interests: [...new Set(input.interests)] } : {}),
    },
  });
  readerChanged(readerId);
  return readProfile(db, readerId);
}

/** Everything stored about the reader: profile, saved stories, events and impressions (no password hash, no sessions). */
export async function exportReaderData(db: Db, readerId: string) {
  const [profile, saved, events, impressions] = await Promise.all([
    readProfile(db, readerId),
    db.savedArticle.findMany({ where: { userId: readerId }, orderBy: { createdAt: 'asc' }, select: { articleId: true, createdAt: true } }),
    db.readerEvent.findMany({
      where: { userId: readerId },
      orderBy: { createdAt: 'asc' },
      select: { type: true, articleId: true, requestId: true, position: true, dwellMs: true, createdAt: true },
    }),
    db.impression.findMany({
      where: { userId: readerId },
      orderBy: { createdAt: 'asc' },
      select: { requestId: true, articleId: true, modelVersion: true, position: true, score: true, createdAt: true },
    }),
  ]);
  return { exportedAt: new Date(), profile, saved, events, impressions };
}

/**
 * Deletes the reader and their history: the User row, and with it (on delete cascade) sessions, saved stories,
 * events and impressions. Staff accounts are not deleted from the reader app.
 */
export async function deleteReader(db: Db, readerId: string) {
  const user = await db.user.findUnique({ where: { id: readerId }, select: { role: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such reader');
  if (user.role !== 'READER') throw new AppError('FORBIDDEN', 'Staff accounts are deleted by an admin');
  await db.$transaction([
    db.session.deleteMany({ where: { userId: readerId } }),
    db.readerEvent.deleteMany({ where: { userId: readerId } }),
    db.impression.deleteMany({ where: { userId: readerId } }),
    db.savedArticle.deleteMany({ where: { userId: readerId } }),
    db.user.delete({ where: { id: readerId } }),
  ]);
  readerChanged(readerId);
  return { deleted: true };
}
