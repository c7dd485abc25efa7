import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { signUp } from '@lede/domain/readers';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`account (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let articleId: string;
  beforeAll(async () => {
    t = await createTestDb();
    articleId = (await seedArticles(t.db, 5))[0]!.id;
  });
  afterAll(() => t.drop());

  async function readWithHistory(readerId: string) {
    const caller = await callerFor(t.db, { readerId });
    const page = await caller.feed.list({ limit: 3 });
    await caller.feed.seen({ requestId: page.requestId, items: [{ articleId: page.items[0]!.id, position: 0 }] });
    await caller.events.log({ events: [{ clientEventId: `click-${readerId}`, type: 'CLICK', articleId: page.items[0]!.id, requestId: page.requestId, position: 0 }] });
    return caller;
  }

  it('signs up an anonymous reader into the same row, keeping history; the cookie id alone no longer acts as it', async () => {
    const readerId = newReaderId();
    const anon = await readWithHistory(readerId);
    const session = await anon.account.signUp({ email: 'New.Reader@example.com', password: 'correct horse', name: 'New' });
    expect(session.user).toMatchObject({ id: readerId, email: 'new.reader@example.com', name: 'New', role: 'READER' });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: readerId } });
    expect(user.isAnonymous).toBe(false);
    expect(user.passwordHash).not.toContain('correct horse');
    expect(await t.db.readerEvent.count({ where: { userId: readerId } })).toBe(1);

    const signedIn = await callerFor(t.db, { sessionToken: session.token });
    expect((await signedIn.account.profile()).email).toBe('new.reader@example.com');
    await expect((await callerFor(t.db, { readerId })).feed.list({ limit: 3 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(signedIn.account.signUp({ email: 'other@example.com', password: 'another password' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a taken email and a short password', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    await caller.account.signUp({ email: 'taken@example.com', password: 'password-1' });
    const other = await callerFor(t.db, { readerId: newReaderId() });
    await expect(other.account.signUp({ email: 'TAKEN@example.com', password: 'password-2' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(other.account.signUp({ email: 'short@example.com', password: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('does not reveal whether an email has an account: the same refusal, after as long as a sign-up takes', async () => {
    const first = await callerFor(t.db, { readerId: newReaderId() });
    await first.account.signUp({ email: 'exists@example.com', password: 'password-1' });
    const refusal = async (fn: () => Promise<unknown>) => {
      const err = await fn().then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      return { code: err?.code, message: err?.message };
    };
    const taken = await refusal(async () => (await callerFor(t.db, { readerId: newReaderId() })).account.signUp({ email: 'Exists@example.com', password: 'password-2' }));
    // The other refusal a sign-up can meet: the reader row already became an account (a second tab, a race).
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'exists@example.com' } });
    const already = await refusal(() => signUp(t.db, row.id, null, { email: 'another@example.com', password: 'password-2' }));
    expect(taken.code).toBe('CONFLICT');
    expect(taken).toEqual(already);
    expect(taken.message).not.toMatch(/exist|taken|in use/i);

    // Timing: a taken email costs the same password hash as a new account (argon2 is most of either).
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn().catch(() => undefined);
      return performance.now() - start;
    };
    const takenMs: number[] = [];
    const freshMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const caller = await callerFor(t.db, { readerId: newReaderId() });
      const fresh = await callerFor(t.db, { readerId: newReaderId() });
      takenMs.push(await time(() => caller.account.signUp({ email: 'exists@example.com', password: `password-${i}` })));
      freshMs.push(await time(() => fresh.account.signUp({ email: `fresh-${i}@example.com`, password: `password-${i}` })));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    expect(median(takenMs)).toBeGreaterThan(median(freshMs) * 0.4);
  });

  it('signs in, bringing along what the device read anonymously', async () => {
    const owner = await callerFor(t.db, { readerId: newReaderId() });
    const { user } = await owner.account.signUp({ email: 'merge@example.com', password: 'merge-password' });
    const deviceId = newReaderId();
    await readWithHistory(deviceId);
    const session = await (await callerFor(t.db, { readerId: deviceId })).account.signIn({ email: 'merge@example.com', password: 'merge-password' });
    expect(session.user.id).toBe(user.id);
    expect(await t.db.user.findUnique({ where: { id: deviceId } })).toBeNull();
    expect(await t.db.readerEvent.count({ where: { userId: user.id } })).toBe(1);
    expect(await t.db.impression.count({ where: { userId: user.id } })).toBe(1);
    await expect((await callerFor(t.db, { readerId: newReaderId() })).account.signIn({ email: 'merge@example.com', password: 'wrong' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('updates name and interests', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const profile = await caller.account.update({ name: '  Ada ', interests: ['TECH', 'TECH', 'SPORTS'] });
    expect(profile).toMatchObject({ name: 'Ada', interests: ['TECH', 'SPORTS'], isAnonymous: true });
  });

  it('exports profile, events and impressions without secrets', async () => {
    const readerId = newReaderId();
    const caller = await readWithHistory(readerId);
    const { token } = await caller.account.signUp({ email: 'export@example.com', password: 'export-password' });
    const data = await (await callerFor(t.db, { sessionToken: token })).account.export();
    expect(data.profile).toMatchObject({ id: readerId, email: 'export@example.com' });
    expect(data.events).toHaveLength(1);
    expect(data.impressions).toHaveLength(1);
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|\$argon2/);
  });

  it('deletes the reader and their history from every table', async () => {
    const readerId = newReaderId();
    const anon = await readWithHistory(readerId);
    const { token } = await anon.account.signUp({ email: 'delete@example.com', password: 'delete-password' });
    const caller = await callerFor(t.db, { sessionToken: token });
    await caller.events.log({ events: [{ clientEventId: 'not-interested-1', type: 'NOT_INTERESTED', articleId }] });
    expect(await caller.account.delete()).toEqual({ deleted: true });
    expect(await t.db.user.count({ where: { id: readerId } })).toBe(0);
    expect(await t.db.session.count({ where: { userId: readerId } })).toBe(0);
    expect(await t.db.readerEvent.count({ where: { userId: readerId } })).toBe(0);
    expect(await t.db.impression.count({ where: { userId: readerId } })).toBe(0);
    await expect((await callerFor(t.db, { sessionToken: token })).account.profile()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('does not delete staff accounts from the reader app', async () => {
    const admin = await t.db.user.create({ data: { email: 'staff@example.com', role: 'ADMIN', isAnonymous: false, interests: [] } });
    await expect((await callerFor(t.db, { readerId: admin.id })).account.delete()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await t.db.user.count({ where: { id: admin.id } })).toBe(1);
  });
});
