import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { callerFor, newReaderId } from '../../../testing/fixtures';
import { staffCaller } from '../test-helpers';

describe(`admin.staff (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('invites an editor who signs in with the one-time password; promotion ends their sessions; all audited', async () => {
    const admin = await staffCaller(t.db, 'ADMIN');
    const { user, password } = await admin.caller.admin.staff.invite({ email: 'New.Editor@example.com', role: 'EDITOR' });
    expect(user).toMatchObject({ email: 'new.editor@example.com', role: 'EDITOR' });
    const { token } = await (await callerFor(t.db)).auth.signIn({ email: 'new.editor@example.com', password });
    await expect(admin.caller.admin.staff.invite({ email: 'new.editor@example.com', role: 'ADMIN' })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect((await admin.caller.admin.staff.setRole({ userId: user.id, role: 'ADMIN' })).role).toBe('ADMIN');
    expect(await (await callerFor(t.db, { sessionToken: token })).auth.me()).toBeNull();
    expect((await admin.caller.admin.staff.list()).map((s) => s.email)).toContain('new.editor@example.com');

    const actions = await t.db.auditLog.findMany({ where: { action: { startsWith: 'staff.' } }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((a) => [a.action, a.actorId])).toEqual([
      ['staff.invite', admin.user.id],
      ['staff.role', admin.user.id],
    ]);
  });

  it('refuses changing one’s own role (so an admin always remains); a demoted admin is signed out', async () => {
    const t2 = await createTestDb();
    try {
      const only = await staffCaller(t2.db, 'ADMIN');
      const other = await staffCaller(t2.db, 'ADMIN');
      await expect(only.caller.admin.staff.setRole({ userId: only.user.id, role: 'READER' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await only.caller.admin.staff.setRole({ userId: other.user.id, role: 'EDITOR' });
      const editor = await staffCaller(t2.db, 'ADMIN');
      await editor.caller.admin.staff.setRole({ userId: only.user.id, role: 'EDITOR' });
      await expect((await callerFor(t2.db, { sessionToken: only.token })).admin.staff.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(editor.caller.admin.staff.setRole({ userId: other.user.id, role: 'READER' })).resolves.toMatchObject({ role: 'READER' });
    } finally {
      await t2.drop();
    }
  });

  it('grants a signed-up reader a staff role by email (audited); editors are refused every staff procedure', async () => {
    const admin = await staffCaller(t.db, 'ADMIN');
    const { user } = await (await callerFor(t.db, { readerId: newReaderId() })).account.signUp({ email: 'grant.me@example.com', password: 'reader-password' });
    expect(await admin.caller.admin.staff.grant({ email: 'Grant.Me@example.com', role: 'EDITOR' })).toMatchObject({ id: user.id, role: 'EDITOR' });
    await expect(admin.caller.admin.staff.grant({ email: 'nobody@example.com', role: 'EDITOR' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.db.auditLog.count({ where: { action: 'staff.role', target: user.id, actorId: admin.user.id } })).toBe(1);

    const editor = await staffCaller(t.db, 'EDITOR');
    const refused = { code: 'FORBIDDEN' };
    await expect(editor.caller.admin.staff.list()).rejects.toMatchObject(refused);
    await expect(editor.caller.admin.staff.invite({ email: 'x@example.com', role: 'EDITOR' })).rejects.toMatchObject(refused);
    await expect(editor.caller.admin.staff.setRole({ userId: editor.user.id, role: 'ADMIN' })).rejects.toMatchObject(refused);
    await expect(editor.caller.admin.staff.grant({ email: 'grant.me@example.com', role: 'ADMIN' })).rejects.toMatchObject(refused);
    await expect(editor.caller.admin.passwords.issueReset({ userId: user.id })).rejects.toMatchObject(refused);
  });
});
