import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { logEvents } from '../../readers/events';
import { newReaderId, seedArticles } from '../../testing/fixtures';
import { feedDepsFor } from '../configure-feed';

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
