import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { hashPassword, purgeStaleRows } from '@lede/domain/readers';
import { callerFor, newReaderId } from '../../testing/fixtures';

const DAY = 86_400_000;

describe(`sessions (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  async function account(email: string) {
    await t.db.user.create({ data: { email, passwordHash: await hashPassword('first-password'), isAnonymous: false, interests: [] } });
    return async () => (await (await callerFor(t.db)).auth.signIn({ email, password: 'first-password' })).token;
  }
  const me = async (token: string) => (await callerFor(t.db, { sessionToken: token })).auth.me();

  it('ends a session after a week without use and 30 days after sign-in, used or not', async () => {
    const signIn = await account('idle@example.com');
    const idle = await signIn();
    const old = await signIn();
    expect(await me(idle)).not.toBeNull();
    const rows = await t.db.session.findMany({ orderBy: { createdAt: 'asc' } });
    await t.db.session.update({ where: { id: rows[0]!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await t.db.session.update({ where: { id: rows[1]!.id }, data: { createdAt: new Date(Date.now() - 31 * DAY) } });
    expect(await me(idle)).toBeNull();
    expect(await me(old)).toBeNull();
    expect(await t.db.session.count({ where: { id: { in: rows.map((r) => r.id) } } })).toBe(0);
  });

  it('signs out everywhere', async () => {
    const signIn = await account('everywhere@example.com');
    const [a, b] = [await signIn(), await signIn()];
    expect(await (await callerFor(t.db, { sessionToken: a })).auth.signOutEverywhere()).toEqual({ ended: 2 });
    expect(await me(a)).toBeNull();
    expect(await me(b)).toBeNull();
  });

  it('changes the password after checking the current one, ending the other sessions', async () => {
    const signIn = await account('change@example.com');
    const [here, elsewhere] = [await signIn(), await signIn()];
    const caller = await callerFor(t.db, { sessionToken: here });
    await expect(caller.auth.changePassword({ current: 'wrong-password', next: 'second-password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const fresh = await caller.auth.changePassword({ current: 'first-password', next: 'second-password' });
    expect(await me(elsewhere)).toBeNull();
    expect(await me(here)).toBeNull();
    expect((await me(fresh.token))?.email).toBe('change@example.com');
    await expect((await callerFor(t.db)).auth.signIn({ email: 'change@example.com', password: 'second-password' })).resolves.toBeDefined();
  });

  it('purges expired sessions and anonymous readers who never did anything', async () => {
    const idleReader = newReaderId();
    const activeReader = newReaderId();
    await (await callerFor(t.db, { readerId: idleReader })).account.profile();
    const active = await callerFor(t.db, { readerId: activeReader });
    await active.account.update({ interests: ['SPORTS'] });
    const article = await t.db.article.create({ data: { source: 't', externalId: 'p1', title: 'T', abstract: '', category: 'SPORTS', publishedAt: new Date() } });
    await active.events.log({ events: [{ clientEventId: 'purge-click-1', type: 'DWELL', articleId: article.id, dwellMs: 5000 }] });
    const longAgo = new Date(Date.now() - 40 * DAY);
    await t.db.user.updateMany({ where: { id: { in: [idleReader, activeReader] } }, data: { createdAt: longAgo, lastVisitAt: longAgo } });
    const result = await purgeStaleRows(t.db);
    expect(result.anonymousReaders).toBe(1);
    expect(await t.db.user.findUnique({ where: { id: idleReader } })).toBeNull();
    expect(await t.db.user.findUnique({ where: { id: activeReader } })).not.toBeNull();
  });
});
