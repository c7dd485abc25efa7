import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { vectorToBytes } from '@lede/ranking';
import { configureFeed } from '@lede/domain/feed';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`articles.related (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let articles: Awaited<ReturnType<typeof seedArticles>>;
  beforeAll(async () => {
    t = await createTestDb();
    articles = await seedArticles(t.db, 12);
  });
  afterAll(() => t.drop());

  it('falls back to the newest articles of the same category without vectors', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const target = articles[0]!;
    const related = await caller.articles.related({ id: target.id, limit: 5 });
    const expected = articles.filter((a) => a.category === target.category && a.id !== target.id).map((a) => a.id);
    expect(related.map((r) => r.id)).toEqual(expected);
    expect(related.every((r) => r.similarity === null)).toBe(true);
  });

  it('returns nearest neighbours by embedding when vectors exist', async () => {
    const encoderVersion = 'test@related';
    // Article i gets a vector at angle i·15°: its neighbours are i±1, then i±2.
    for (const [i, a] of articles.entries()) {
      const angle = (i * Math.PI) / 12;
      await t.db.articleVector.create({ data: { articleId: a.id, encoderVersion, dims: 2, vector: vectorToBytes(new Float32Array([Math.cos(angle), Math.sin(angle)])) } });
    }
    configureFeed(t.db, { encoderVersion });
    try {
      const caller = await callerFor(t.db, { readerId: newReaderId() });
      const related = await caller.articles.related({ id: articles[5]!.id, limit: 4 });
      expect(related.slice(0, 2).map((r) => r.id).sort()).toEqual([articles[4]!.id, articles[6]!.id].sort());
      expect(related.slice(2, 4).map((r) => r.id).sort()).toEqual([articles[3]!.id, articles[7]!.id].sort());
      expect(related[0]!.similarity).toBeCloseTo(Math.cos(Math.PI / 12), 5);
    } finally {
      configureFeed(t.db, { encoderVersion: null });
    }
  });

  it('returns nothing for an unknown article', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    expect(await caller.articles.related({ id: 'no-such-article' })).toEqual([]);
  });
});
