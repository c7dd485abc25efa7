import crypto from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { hashPassword } from '@lede/domain/readers';

import { createAdminCaller } from '../../../root';
import { callerFor, newReaderId } from '../../../testing/fixtures';
import { createContext } from '../../../trpc';
import { staffCaller } from '../test-helpers';

describe(`password reset by an admin-issued token (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  /** The newsroom's API (its auth redeems staff tokens); callerFor is the reader site's. */
  const newsroom = async (sessionToken?: string) => createAdminCaller(await createContext({ db: t.db, sessionToken }));
  const signInStaff = async (email: string, password: string) => (await newsroom()).auth.signIn({ email, password });

  it('resets a staff password once: stored hashed, sessions end, old password and token stop working, audited', async () => {
    const admin = await staffCaller(t.db, 'ADMIN');
    const editor = await staffCaller(t.db, 'EDITOR', 'reset.editor@example.com');
    await t.db.user.update({ where: { id: editor.user.id }, data: { passwordHash: await hashPassword('old-password') } });
    const other = await signInStaff('reset.editor@example.com', 'old-password');

    const issued = await admin.caller.admin.passwords.issueReset({ userId: editor.user.id });
    expect(issued.user).toMatchObject({ email: 'reset.editor@example.com', role: 'EDITOR' });
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    const rows = await t.db.passwordReset.findMany({ where: { userId: editor.user.id } });
    expect(rows.map((r) => r.id)).toEqual([crypto.createHash('sha256').update(issued.token).digest('hex')]);

    // A staff token is not redeemed on the reader site.
    await expect((await callerFor(t.db)).auth.resetPassword({ token: issued.token, password: 'new-password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    expect(await (await newsroom()).auth.resetPassword({ token: issued.token, password: 'new-password' })).toEqual({ email: 'reset.editor@example.com' });
    expect(await (await newsroom(editor.token)).auth.me()).toBeNull();
    expect(await (await newsroom(other.token)).auth.me()).toBeNull();
    await expect(signInStaff('reset.editor@example.com', 'old-password')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(signInStaff('reset.editor@example.com', 'new-password')).resolves.toMatchObject({ user: { id: editor.user.id } });
    await expect((await newsroom()).auth.resetPassword({ token: issued.token, password: 'third-password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await t.db.passwordReset.count({ where: { userId: editor.user.id } })).toBe(0);

    const audit = await t.db.auditLog.findMany({ where: { target: editor.user.id, action: { startsWith: 'user.' } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['user.reset-issue', admin.user.id],
      ['user.password-reset', editor.user.id],
    ]);
  });

  it('refuses an expired token and a replaced one; resets a reader account on the reader site', async () => {
    const admin = await staffCaller(t.db, 'ADMIN');
    const reader = await callerFor(t.db, { readerId: newReaderId() });
    const { user, token: session } = await reader.account.signUp({ email: 'reset.reader@example.com', password: 'reader-password' });

    const first = await admin.caller.admin.passwords.issueReset({ userId: user.id });
    const second = await admin.caller.admin.passwords.issueReset({ userId: user.id });
    const site = await callerFor(t.db);
    await expect(site.auth.resetPassword({ token: first.token, password: 'another-password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // A reader token is not redeemed in the newsroom.
    await expect((await newsroom()).auth.resetPassword({ token: second.token, password: 'another-password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await t.db.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(site.auth.resetPassword({ token: second.token, password: 'another-password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const third = await admin.caller.admin.passwords.issueReset({ userId: user.id });
    await expect(site.auth.resetPassword({ token: third.token, password: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await site.auth.resetPassword({ token: third.token, password: 'another-password' });
    expect(await (await callerFor(t.db, { sessionToken: session })).auth.me()).toBeNull();
    await expect(site.account.signIn({ email: 'reset.reader@example.com', password: 'another-password' })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('is for admins only, and only for accounts with a password', async () => {
    const editor = await staffCaller(t.db, 'EDITOR');
    const admin = await staffCaller(t.db, 'ADMIN');
    await expect(editor.caller.admin.passwords.issueReset({ userId: admin.user.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const anonymous = newReaderId();
    await (await callerFor(t.db, { readerId: anonymous })).account.profile();
    await expect(admin.caller.admin.passwords.issueReset({ userId: anonymous })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.db.passwordReset.count({ where: { userId: admin.user.id } })).toBe(0);
  });
});
