import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from './testing';

describe(`database schema (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('enforces one article per (source, externalId) and upserts in place', async () => {
    const key = { source: 'huffpost', externalId: 'a1' };
    const base = { ...key, title: 'First', category: 'POLITICS', publishedAt: new Date('2026-01-01') };
    await t.db.article.upsert({ where: { source_externalId: key }, create: base, update: base });
    await t.db.article.upsert({
      where: { source_externalId: key },
      create: base,
      update: { ...base, title: 'Second' },
    });
    const rows = await t.db.article.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.title).toBe('Second');
    await expect(t.db.article.create({ data: base })).rejects.toThrow();
  });

  it('stores a reader event once per client event id', async () => {
    const user = await t.db.user.create({ data: { interests: ['SPORTS'] } });
    const article = await t.db.article.findFirstOrThrow();
    const event = { clientEventId: 'evt-1', userId: user.id, articleId: article.id, type: 'CLICK' as const };
    await t.db.readerEvent.create({ data: event });
    await expect(t.db.readerEvent.create({ data: event })).rejects.toThrow();
    expect(await t.db.readerEvent.count()).toBe(1);
    expect(user.interests).toEqual(['SPORTS']);
  });

  it('round-trips float32 vectors as bytes', async () => {
    const article = await t.db.article.findFirstOrThrow();
    const vec = new Float32Array([0.25, -1.5, 3]);
    await t.db.articleVector.create({
      data: { articleId: article.id, encoderVersion: 'test@1', dims: 3, vector: new Uint8Array(vec.buffer) },
    });
    const row = await t.db.articleVector.findFirstOrThrow();
    const back = new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength));
    expect(Array.from(back)).toEqual([0.25, -1.5, 3]);
  });
});
