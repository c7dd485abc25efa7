import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { ModelRouter } from '../model-versions/traffic-split';
import { newReaderId, seedArticles } from '../testing/fixtures';
import { createFeedDeps } from './configure-feed';
import { listFeed } from './list';

/** Makes the tables unreachable, as a database that stopped answering does for these queries. */
async function takeTablesAway(t: TestDb, tables: string[], away: boolean) {
  for (const name of tables) {
    const [from, to] = away ? [name, `${name}_away`] : [`${name}_away`, name];
    await t.db.$executeRawUnsafe(`ALTER TABLE "${from}" RENAME TO "${to}"`);
  }
}

// Issue 15 item 5: with the database down, startVisit and the model router ran outside the feed's fallback
// (a 500), and the router dropped its arms.
describe(`the feed with its database down (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  const tables = ['User', 'ModelVersion', 'ReaderEvent', 'Impression', 'Article'];
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 20);
    await t.db.modelVersion.create({ data: { id: 'nrms-9', encoderVersion: 'none', description: 'x', status: 'ACTIVE', trafficShare: 1 } });
  });
  afterAll(() => t.drop());

  it('serves the fallback from the pool in memory, and the router keeps its last known arms', async () => {
    const deps = createFeedDeps(t.db);
    const reader = newReaderId();
    await t.db.user.create({ data: { id: reader, interests: [] } });
    const before = await listFeed(deps, reader, { limit: 10 });
    expect(before).toMatchObject({ fallback: false, modelVersion: 'nrms-9' });
    const router = new ModelRouter(t.db, 0);
    expect(await router.versionFor(reader)).toBe('nrms-9');

    await takeTablesAway(t, tables, true);
    try {
      expect(await router.versionFor(reader)).toBe('nrms-9');
      const during = await listFeed(deps, newReaderId(), { limit: 10 });
      expect(during.fallback).toBe(true);
      expect(during.items).toHaveLength(10);
      expect(during.newSince).toBeNull();
    } finally {
      await takeTablesAway(t, tables, false);
    }
    expect(await listFeed(deps, reader, { limit: 10 })).toMatchObject({ fallback: false });
  });
});
