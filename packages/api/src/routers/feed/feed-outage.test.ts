import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { issueReaderId } from '@lede/domain/readers';

import { callerFor, seedArticles } from '../../testing/fixtures';

/** Makes the tables unreachable, as a database that stopped answering does for these queries. */
async function takeTablesAway(t: TestDb, tables: string[], away: boolean) {
  for (const name of tables) {
    const [from, to] = away ? [name, `${name}_away`] : [`${name}_away`, name];
    await t.db.$executeRawUnsafe(`ALTER TABLE "${from}" RENAME TO "${to}"`);
  }
}

// Issue 15 item 5, through the API (found by `npm run bench -- faults --checks postgres-outage`): the domain's
// feed fell back, but the reader's first lookup (ensureReader) and the session read ran before it and
// answered 500 for every request while PostgreSQL was unreachable.
describe(`feed.list with the database down (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  const tables = ['User', 'Session', 'ModelVersion', 'ReaderEvent', 'Impression', 'Article'];
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 20);
  });
  afterAll(() => t.drop());

  it('serves a new reader and a signed-in one the fallback, refuses unsigned ids, and says 503 where a session is needed', async () => {
    const warm = await callerFor(t.db, { readerId: issueReaderId() });
    expect((await warm.feed.list({ limit: 5 })).items).toHaveLength(5);
    const anonymousId = issueReaderId();
    const { token } = await (await callerFor(t.db, { readerId: anonymousId })).account.signUp({ email: 'outage@example.com', password: 'correct horse' });

    const logged = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await takeTablesAway(t, tables, true);
    try {
      const newcomer = await callerFor(t.db, { readerId: issueReaderId() });
      expect((await newcomer.feed.list({ limit: 5 })).items).toHaveLength(5);
      const signedIn = await callerFor(t.db, { sessionToken: token, readerId: issueReaderId() });
      expect((await signedIn.feed.list({ limit: 5 })).items).toHaveLength(5);
      await expect(signedIn.admin.system.status()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      // Signed in without the reader cookie: nothing to serve the feed by, so "try again", not "sign in".
      await expect((await callerFor(t.db, { sessionToken: token })).feed.list({ limit: 5 })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      // An id the server never signed cannot be checked: refused for now, not served unchecked.
      await expect((await callerFor(t.db, { readerId: 'a'.repeat(58) })).feed.list({ limit: 5 })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await takeTablesAway(t, tables, false);
      logged.mockRestore();
    }
    // Back: the session counts again.
    expect((await (await callerFor(t.db, { sessionToken: token })).auth.me())?.email).toBe('outage@example.com');
  });
});
