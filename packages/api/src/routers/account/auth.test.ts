import crypto from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { hashPassword, isIssuedReaderId, seedAdmin } from '@lede/domain/readers';

import { callerFor, newReaderId } from '../../testing/fixtures';

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

describe(`admin seeding (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it("refuses to make a reader's account the admin", async () => {
    const reader = await (await callerFor(t.db, { readerId: newReaderId() })).account.signUp({ email: 'taken@example.com', password: 'reader-password' });
    await expect(seedAdmin(t.db, { LEDE_ADMIN_EMAIL: 'Taken@example.com', LEDE_ADMIN_PASSWORD: 'admin-password' })).rejects.toThrow(/existing reader account/);
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'taken@example.com' } });
    expect(row.role).toBe('READER');
    expect((await (await callerFor(t.db, { sessionToken: reader.token })).auth.me())?.role).toBe('READER');
  });

  it("ends the admin's sessions when the password is set again", async () => {
    const env = { LEDE_ADMIN_EMAIL: 'boss@example.com', LEDE_ADMIN_PASSWORD: 'first-password' };
    await seedAdmin(t.db, env);
    const { token } = await (await callerFor(t.db)).auth.signIn({ email: env.LEDE_ADMIN_EMAIL, password: 'first-password' });
    await seedAdmin(t.db, { ...env, LEDE_ADMIN_PASSWORD: 'second-password' });
    expect(await (await callerFor(t.db, { sessionToken: token })).auth.me()).toBeNull();
    await expect((await callerFor(t.db)).auth.signIn({ email: env.LEDE_ADMIN_EMAIL, password: 'first-password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe(`anonymous reader ids (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('makes new readers only of ids the server issued, so nobody picks an id (and with it an A/B arm)', async () => {
    const chosen = await callerFor(t.db, { readerId: 'chosen-to-land-in-arm-b' });
    await expect(chosen.account.profile()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const forged = `${crypto.randomUUID()}${'A'.repeat(22)}`;
    await expect((await callerFor(t.db, { readerId: forged })).account.profile()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await t.db.user.count({ where: { id: { in: ['chosen-to-land-in-arm-b', forged] } } })).toBe(0);
    const issued = newReaderId();
    expect(isIssuedReaderId(issued)).toBe(true);
    expect((await (await callerFor(t.db, { readerId: issued })).account.profile()).id).toBe(issued);
  });
});
