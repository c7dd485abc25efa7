import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { servedLog } from '@lede/domain/feed';
import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`events.log (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let articleId: string;
  beforeAll(async () => {
    t = await createTestDb();
    articleId = (await seedArticles(t.db, 3))[0]!.id;
  });
  afterAll(() => t.drop());

  it('stores a retried batch once', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    await servedLog.record('r1', readerId, 'baseline', [{ articleId, position: 0, score: 0.5 }]);
    const batch = { events: [{ clientEventId: 'evt-00000001', type: 'CLICK' as const, articleId, requestId: 'r1', position: 0 }] };
    expect(await caller.events.log(batch)).toEqual({ stored: 1, duplicates: 0, unknownArticles: 0 });
    expect(await caller.events.log(batch)).toEqual({ stored: 0, duplicates: 1, unknownArticles: 0 });
    expect(await t.db.readerEvent.count({ where: { userId: readerId } })).toBe(1);
  });

  it('drops feed clicks on cards the request did not serve this reader', async () => {
    const owner = newReaderId();
    await servedLog.record('r2', owner, 'baseline', [{ articleId, position: 3, score: 0.5 }]);
    const forger = await callerFor(t.db, { readerId: newReaderId() });
    const click = (requestId: string, position = 3) => ({ events: [{ clientEventId: `evt-${requestId}-${position}`, type: 'CLICK' as const, articleId, requestId, position }] });
    // Another reader's request, and a request id nobody served.
    expect(await forger.events.log(click('r2'))).toEqual({ stored: 0, duplicates: 0, unknownArticles: 1 });
    expect(await forger.events.log(click('made-up-request'))).toEqual({ stored: 0, duplicates: 0, unknownArticles: 1 });
    // The reader it was served to: stored at the served position, whatever position the client claims.
    const res = await (await callerFor(t.db, { readerId: owner })).events.log(click('r2', 0));
    expect(res.stored).toBe(1);
    expect(await t.db.readerEvent.findFirstOrThrow({ where: { userId: owner } })).toMatchObject({ requestId: 'r2', position: 3 });
  });

  it('does not let one reader’s event id block another’s', async () => {
    const event = { clientEventId: 'same-id-123', type: 'DWELL' as const, articleId, dwellMs: 1200 };
    for (const readerId of [newReaderId(), newReaderId()]) {
      const caller = await callerFor(t.db, { readerId });
      expect((await caller.events.log({ events: [event] })).stored).toBe(1);
    }
  });

  it('counts events for unknown articles without failing the batch', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const res = await caller.events.log({
      events: [
        { clientEventId: 'evt-unknown-1', type: 'CLICK', articleId: 'no-such-article' },
        { clientEventId: 'evt-known-01', type: 'CLICK', articleId },
      ],
    });
    expect(res).toEqual({ stored: 1, duplicates: 0, unknownArticles: 1 });
  });

  it('rejects oversized and malformed batches with a clear error', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const many = Array.from({ length: 101 }, (_, i) => ({ clientEventId: `evt-many-${i}`, type: 'CLICK' as const, articleId }));
    await expect(caller.events.log({ events: many })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.events.log({ events: [{ clientEventId: 'evt-bad-type', type: 'LIKE' as 'CLICK', articleId }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
