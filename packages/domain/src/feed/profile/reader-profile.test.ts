import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { rankCandidates, vectorToBytes } from '@lede/ranking';

import { logEvents } from '../../readers/events';
import { newReaderId, seedArticles } from '../../testing/fixtures';
import { configureFeed, feedDepsFor } from '../configure-feed';
import { type LoadedProfile, loadReaderProfile } from './reader-profile';

describe(`reader profiles after a click (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('adds a click to the cached profile instead of reloading it, and reloads after feedback', async () => {
    const articles = await seedArticles(t.db, 6);
    const readerId = newReaderId();
    await t.db.user.create({ data: { id: readerId } });
    const { profiles, pool } = feedDepsFor(t.db);
    await pool.prepared();
    await logEvents(t.db, readerId, [{ clientEventId: 'c-0001', type: 'CLICK', articleId: articles[0]!.id }]);
    expect((await profiles.get(readerId, null)).history.map((h) => h.articleId)).toEqual([articles[0]!.id]);

    await logEvents(t.db, readerId, [{ clientEventId: 'c-0002', type: 'CLICK', articleId: articles[1]!.id }]);
    // Gone from the database: only a profile patched in memory can still hold this click.
    await t.db.readerEvent.deleteMany({ where: { userId: readerId, articleId: articles[1]!.id } });
    const patched = await profiles.get(readerId, null);
    expect(patched.history.map((h) => h.articleId)).toEqual([articles[1]!.id, articles[0]!.id]);
    expect(patched.seen.has(articles[1]!.id)).toBe(true);
    expect(patched.titles.get(articles[1]!.id)).toBeTruthy();

    // Feedback is not a click: the profile reloads, and the database no longer has the second click.
    await logEvents(t.db, readerId, [{ clientEventId: 'c-0003', type: 'NOT_INTERESTED', articleId: articles[2]!.id }]);
    const reloaded = await profiles.get(readerId, null);
    expect(reloaded.history.map((h) => h.articleId)).toEqual([articles[0]!.id]);
    expect(reloaded.notInterested.map((n) => n.articleId)).toEqual([articles[2]!.id]);
  });
});

describe(`a profile patched click by click equals the one loaded from the database (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('after every click of a sequence (re-clicks and a pending-click overflow included), and ranks the same', async () => {
    const articles = await seedArticles(t.db, 40);
    const encoderVersion = 'test@patch';
    let seed = 7;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647) * 2 - 1;
    await t.db.articleVector.createMany({
      data: articles.map((a) => ({ articleId: a.id, encoderVersion, dims: 16, vector: vectorToBytes(Float32Array.from({ length: 16 }, random)) })),
    });
    const readerId = newReaderId();
    await t.db.user.create({ data: { id: readerId, interests: ['SPORTS'] } });
    // Cards shown before the clicks (the skip features): clicking one later turns its skip into a click.
    const shownAt = Date.now() - 3_600_000;
    await t.db.impression.createMany({
      data: articles.slice(0, 30).map((a, i) => ({ requestId: 'req-shown', userId: readerId, modelVersion: 'v', articleId: a.id, position: i, score: 0, createdAt: new Date(shownAt + i * 1_000) })),
    });
    const deps = configureFeed(t.db, { encoderVersion });
    await deps.pool.prepared();
    const context = { now: new Date(), hour: 9 };
    const rank = (profile: LoadedProfile) =>
      rankCandidates({ ...profile, categoryCentroids: deps.pool.centroids() }, articles.flatMap((a) => deps.pool.get(a.id) ?? []), context, { limit: 40 }).map((i) => [i.articleId, i.score]);

    // Re-clicks (5, 0) move a story to the front; 26 clicks pass the 20 pending clicks after which a profile reloads.
    const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 5, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 0, 22, 23];
    for (const [n, i] of order.entries()) {
      await logEvents(t.db, readerId, [{ clientEventId: `click-${n}-x`, type: 'CLICK', articleId: articles[i]!.id }]);
      const patched = await deps.profiles.get(readerId, encoderVersion);
      const loaded = await loadReaderProfile(t.db, deps.pool, readerId, encoderVersion);
      expect(patched).toEqual(loaded);
      expect(patched.shown?.filter((c) => c.clicked).length).toBe(new Set(order.slice(0, n + 1)).size);
      expect(rank(patched)).toEqual(rank(loaded));
    }
    deps.pool.stopWatching();
  });
});
