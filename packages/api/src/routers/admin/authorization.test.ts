import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { appRouter } from '../../root';
import { createSession } from '../../services/auth';
import { callerFor, newReaderId } from '../../testing/fixtures';

/**
 * Generated from the router: every procedure under `admin.` must refuse anonymous callers and readers, so a
 * new procedure cannot ship without its role check.
 */
const adminPaths = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('admin.'));

function procedureAt(caller: object, path: string) {
  let node: unknown = caller;
  for (const part of path.split('.')) node = Reflect.get(node as object, part);
  if (typeof node !== 'function') throw new Error(`${path} is not a procedure`);
  return node as (input?: unknown) => Promise<unknown>;
}

describe(`admin procedures refuse readers (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let readerToken: string;
  beforeAll(async () => {
    t = await createTestDb();
    const reader = await t.db.user.create({ data: { email: 'reader@example.com', isAnonymous: false, interests: [] } });
    readerToken = (await createSession(t.db, reader.id)).token;
  });
  afterAll(() => t.drop());

  it('finds the admin procedures', () => {
    expect(adminPaths).toEqual(expect.arrayContaining(['admin.articles.list', 'admin.metrics.daily']));
  });

  it.each(adminPaths)('%s', async (path) => {
    const anonymous = await callerFor(t.db, { readerId: newReaderId() });
    const reader = await callerFor(t.db, { sessionToken: readerToken });
    // Input is checked after the role, so an empty input is enough to reach the role check.
    await expect(procedureAt(anonymous, path)({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(procedureAt(reader, path)({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
