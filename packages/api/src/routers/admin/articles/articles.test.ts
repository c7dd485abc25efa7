import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { vectorToBytes } from '@lede/ranking';
import { CandidatePool } from '@lede/domain/feed';
import { findNearestArticles } from '@lede/domain/newsroom';

import { seedArticles } from '../../../testing/fixtures';
import { staffCaller } from '../test-helpers';

describe(`admin.articles (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let editor: Awaited<ReturnType<typeof staffCaller>>;
  let ids: string[];
  beforeAll(async () => {
    t = await createTestDb();
    editor = await staffCaller(t.db, 'EDITOR');
    ids = (await seedArticles(t.db, 8)).map((a) => a.id);
  });
  afterAll(() => t.drop());

  it('hides, pins, boosts and re-categorises, auditing each change, and the pool follows', async () => {
    const pool = new CandidatePool(t.db, { days: 30, size: 100, refreshMs: 0, encoderVersion: () => null });
    expect((await pool.list()).map((a) => a.id)).toContain(ids[0]);
    const until = new Date(Date.now() + 3_600_000);
    const id = ids[0]!;
    await editor.caller.admin.articles.update({ id, status: 'HIDDEN' });
    await editor.caller.admin.articles.update({ id: ids[1]!, pinnedUntil: until, boost: 2, category: ' tech ' });

    await pool.refresh();
    expect(pool.get(id)).toBeUndefined();
    expect(pool.get(ids[1]!)).toMatchObject({ category: 'TECH', editorial: { pinnedUntil: until, boost: 2 } });
    const pinned = await editor.caller.admin.articles.list({ pinned: true });
    expect(pinned.rows.map((r) => r.id)).toEqual([ids[1]]);

    await editor.caller.admin.articles.update({ id, status: 'PUBLISHED' });
    await pool.refresh();
    expect(pool.get(id)).toBeDefined();

    const audit = await editor.caller.admin.audit.list({ action: 'article.' });
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['article.boost', 'article.hide', 'article.pin', 'article.recategorize', 'article.unhide']);
    expect(audit.rows.every((r) => r.actor === editor.user.email)).toBe(true);
    expect(JSON.parse(audit.rows.find((r) => r.action === 'article.recategorize')!.details)).toMatchObject({ to: 'TECH' });

    // A no-op change records nothing.
    expect(await editor.caller.admin.articles.update({ id, status: 'PUBLISHED' })).toEqual({ changed: [] });
  });

  it('refuses a pin in the past and an unknown article', async () => {
    await expect(editor.caller.admin.articles.update({ id: ids[2]!, pinnedUntil: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(editor.caller.admin.articles.update({ id: 'missing', boost: 1.5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports CTR (clicks that answer impressions) and lists categories', async () => {
    const id = ids[3]!;
    const user = await t.db.user.create({ data: { interests: [] } });
    await t.db.impression.createMany({
      data: ['q1', 'q2', 'q3', 'q4'].map((requestId, position) => ({ requestId, userId: user.id, modelVersion: 'v', articleId: id, position, score: 0 })),
    });
    await t.db.readerEvent.createMany({
      data: [
        { clientEventId: 'x1', userId: user.id, articleId: id, type: 'CLICK', requestId: 'q1' },
        { clientEventId: 'x2', userId: user.id, articleId: id, type: 'CLICK', requestId: 'q1' },
        { clientEventId: 'x3', userId: user.id, articleId: id, type: 'CLICK', requestId: null },
      ],
    });
    const detail = await editor.caller.admin.articles.get({ id });
    expect(detail).toMatchObject({ id, impressions: 4, clicks: 1, ctr: 0.25 });
    const categories = await editor.caller.admin.articles.categories({});
    expect(categories.reduce((s, c) => s + c.articles, 0)).toBe(8);
  });

  it('finds nearest neighbours by the encoder version’s stored vectors', async () => {
    const unit = (x: number, y: number) => {
      const n = Math.hypot(x, y);
      return vectorToBytes(new Float32Array([x / n, y / n]));
    };
    const vecs: [string, ReturnType<typeof unit>][] = [[ids[4]!, unit(1, 0)], [ids[5]!, unit(0.9, 0.1)], [ids[6]!, unit(0, 1)], [ids[7]!, unit(0.5, 0.5)]];
    await t.db.articleVector.createMany({ data: vecs.map(([articleId, vector]) => ({ articleId, encoderVersion: 'e@1', dims: 2, vector })) });
    const near = await findNearestArticles(t.db, ids[4]!, 'e@1', 2);
    expect(near.map((n) => n.articleId)).toEqual([ids[5], ids[7]]);
    expect(near[0]!.similarity).toBeGreaterThan(near[1]!.similarity);
    expect(await findNearestArticles(t.db, ids[4]!, 'other@1')).toEqual([]);
    expect(await findNearestArticles(t.db, ids[4]!, null)).toEqual([]);
  });
});
