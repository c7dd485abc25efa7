import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { hashPassword, seedAdmin } from '@lede/domain/readers';

import { callerFor } from '../testing/fixtures';

describe(`auth (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('seeds the admin once with a generated password, and signs in with it', async () => {
    const first = await seedAdmin(t.db);
    expect(first.password).toMatch(/^[\w-]{16}$/);
    expect((await seedAdmin(t.db)).password).toBeNull();
    const caller = await callerFor(t.db);
    const { token, user } = await caller.auth.signIn({ email: first.email, password: first.password! });
    expect(user.role).toBe('ADMIN');
    const me = await (await callerFor(t.db, { sessionToken: token })).auth.me();
    expect(me?.email).toBe(first.email);
    const row = await t.db.user.findUniqueOrThrow({ where: { email: first.email } });
    expect(row.passwordHash).not.toContain(first.password!);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    await t.db.user.create({ data: { email: 'ed@example.com', passwordHash: await hashPassword('right-password'), role: 'EDITOR', isAnonymous: false, interests: [] } });
    const caller = await callerFor(t.db);
    await expect(caller.auth.signIn({ email: 'ed@example.com', password: 'wrong' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
    await expect(caller.auth.signIn({ email: 'nobody@example.com', password: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password' });
  });

  it('signs out: the token stops working', async () => {
    const { token } = await (await callerFor(t.db)).auth.signIn({ email: 'ed@example.com', password: 'right-password' });
    const signedIn = await callerFor(t.db, { sessionToken: token });
    expect((await signedIn.auth.me())?.role).toBe('EDITOR');
    await signedIn.auth.signOut();
    expect(await (await callerFor(t.db, { sessionToken: token })).auth.me()).toBeNull();
  });
});
