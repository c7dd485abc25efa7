import { type Db, sqlitePath } from '@lede/db';
import { createTestDb, holdSqliteWriteLock, type TestDb } from '@lede/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { logEvents } from '../../readers/events';
import { newReaderId, seedArticles } from '../../testing/fixtures';
import { createFeedDeps } from '../configure-feed';
import { listFeed } from '../list';
import { recordSeen } from './seen';

/** The write operations among `ops` (the pool's background refresh reads through the same client). */
const writes = (ops: string[]) => ops.filter((o) => /\.(create|update|upsert|delete)/.test(o));

// Issue 15 item 6: better-sqlite3 is synchronous, so a 15 s busy timeout froze the reader's whole process while
// the worker held the write lock, and impressions and events were inserted one row at a time.
describe(`feed writes (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 30);
  });
  afterAll(() => t.drop());

  it('stores the impressions of one seen report, and one batch of events, with one insert each', async () => {
    const ops: string[] = [];
    const counted = t.db.$extends({
      query: {
        impression: { $allOperations: ({ operation, args, query }) => (ops.push(`impression.${operation}`), query(args)) },
        readerEvent: { $allOperations: ({ operation, args, query }) => (ops.push(`readerEvent.${operation}`), query(args)) },
      },
    }) as unknown as Db;
    const deps = createFeedDeps(counted);
    const reader = newReaderId();
    await t.db.user.create({ data: { id: reader, interests: [] } });
    const page = await listFeed(deps, reader, { limit: 10 });
    ops.length = 0;
    const res = await recordSeen(deps, reader, { requestId: page.requestId, items: page.items.map((i) => ({ articleId: i.article.id, position: i.position })) });
    expect(res).toEqual({ stored: 10, duplicates: 0, unknownArticles: 0 });
    expect(writes(ops)).toEqual(['impression.createMany']);
    expect(await t.db.impression.count({ where: { requestId: page.requestId } })).toBe(10);

    ops.length = 0;
    const events = page.items.slice(0, 5).map((i, n) => ({ clientEventId: `ev-${n}-xxxxxxxx`, type: 'CLICK' as const, articleId: i.article.id, requestId: page.requestId }));
    expect(await logEvents(counted, reader, events)).toEqual({ stored: 5, duplicates: 0, unknownArticles: 0 });
    expect(writes(ops)).toEqual(['readerEvent.createManyAndReturn']);
    // A retried batch, part of it new: the stored ones count as duplicates, the new one is stored.
    const more = [...events, { clientEventId: 'ev-9-xxxxxxxx', type: 'CLICK' as const, articleId: page.items[5]!.article.id, requestId: page.requestId }];
    expect(await logEvents(counted, reader, more)).toEqual({ stored: 1, duplicates: 5, unknownArticles: 0 });
  });

  it.skipIf(process.env.TEST_DB === 'postgresql')(
    'waits for another connection’s write lock without blocking the event loop, then stores the impressions',
    async () => {
      const deps = createFeedDeps(t.db);
      const reader = newReaderId();
      await t.db.user.create({ data: { id: reader, interests: [] } });
      const page = await listFeed(deps, reader, { limit: 5 });
      const { released } = await holdSqliteWriteLock(sqlitePath(t.url), 300);
      const started = Date.now();
      // A timer due in 50 ms: with the loop blocked in SQLite's busy wait it fired only once the lock was free.
      const timer = new Promise<number>((r) => setTimeout(() => r(Date.now() - started), 50));
      const res = await recordSeen(deps, reader, { requestId: page.requestId, items: page.items.map((i) => ({ articleId: i.article.id, position: i.position })) });
      const waited = Date.now() - started;
      await released;
      expect(res.stored).toBe(5);
      expect(waited).toBeGreaterThanOrEqual(200);
      expect(await timer).toBeLessThan(150);
    },
  );
});
