import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { vectorToBytes } from '@lede/ranking';
import { configureFeed, FEEDBACK_KEPT, loadMuted, MUTED_LIMIT } from '@lede/domain/feed';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

const PAIRS = 10;

describe(`"not interested" inside a feed session (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let twinOf: Map<string, string>;
  beforeAll(async () => {
    t = await createTestDb();
    const articles = await seedArticles(t.db, PAIRS * 2);
    // Articles 2k and 2k+1 are near twins (cosine ≈ 0.995); different pairs are nearly orthogonal.
    twinOf = new Map();
    for (const [i, a] of articles.entries()) {
      const k = Math.floor(i / 2);
      const v = new Float32Array(PAIRS);
      v[k] = 1;
      if (i % 2) v[(k + 1) % PAIRS] = 0.1;
      await t.db.articleVector.create({ data: { articleId: a.id, encoderVersion: 'test@twins', dims: PAIRS, vector: vectorToBytes(v) } });
      twinOf.set(a.id, articles[i % 2 ? i - 1 : i + 1]!.id);
    }
    configureFeed(t.db, { encoderVersion: 'test@twins' });
  });
  afterAll(() => t.drop());

  it('drops the muted story’s near neighbours from the pages still to come; undo keeps them', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const first = await caller.feed.list({ limit: 4 });
    const ids = first.items.map((i) => i.id);
    // A story whose twin is still ahead.
    const muted = first.items.find((i) => !ids.includes(twinOf.get(i.id)!))!;
    const undone = first.items.find((i) => i !== muted && !ids.includes(twinOf.get(i.id)!))!;
    const feedback = (id: string, type: 'NOT_INTERESTED' | 'UNDO_NOT_INTERESTED', articleId: string) =>
      caller.events.log({ events: [{ clientEventId: `feedback-${id}`, type, articleId, requestId: first.requestId }] });
    await feedback('1', 'NOT_INTERESTED', muted.id);
    await feedback('2', 'NOT_INTERESTED', undone.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await feedback('3', 'UNDO_NOT_INTERESTED', undone.id);

    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await caller.feed.list({ limit: 4, cursor });
      page.items.forEach((item, i) => expect(item.position).toBe(4 + rest.length + i));
      rest.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(rest).not.toContain(twinOf.get(muted.id));
    expect(rest).toContain(twinOf.get(undone.id));
    expect(new Set([...ids, ...rest]).size).toBe(PAIRS * 2 - 1);
  });
});

describe(`"not interested" is capped (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 300, { source: 'many' });
  });
  afterAll(() => t.drop());

  it('keeps and reads at most the latest feedback of a reader who mutes hundreds of stories', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const articles = await t.db.article.findMany({ orderBy: { externalId: 'asc' }, select: { id: true } });
    for (let batch = 0; batch < 3; batch++) {
      const events = articles.slice(batch * 100, batch * 100 + 100).map((a, i) => ({ clientEventId: `mute-${batch}-${i}-xxxx`, type: 'NOT_INTERESTED' as const, articleId: a.id }));
      await caller.events.log({ events });
    }
    expect(await t.db.readerEvent.count({ where: { userId: readerId, type: 'NOT_INTERESTED' } })).toBe(FEEDBACK_KEPT);
    const muted = await loadMuted(t.db, readerId);
    expect(muted.size).toBe(MUTED_LIMIT);
    // The latest ones win.
    const lastBatch = new Set(articles.slice(200, 300).map((a) => a.id));
    expect([...muted.keys()].every((id) => lastBatch.has(id))).toBe(true);
  });
});
