import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { seedArticles } from '../../testing/fixtures';
import { CandidatePool } from './candidate-pool';

describe(`candidate pool memory cap (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('holds the newest `size` articles of the window: an older article edited later does not creep in', async () => {
    const articles = await seedArticles(t.db, 10);
    const pool = new CandidatePool(t.db, { days: 30, size: 4, refreshMs: 0, encoderVersion: () => null });
    const held = () => pool.list().then((list) => list.map((a) => a.id).sort());
    const newest = articles.slice(0, 4).map((a) => a.id).sort();
    expect(await held()).toEqual(newest);
    // An incremental refresh reads by updatedAt: an edit of an old article must not bring it in.
    await t.db.article.update({ where: { id: articles[8]!.id }, data: { boost: 2 } });
    await pool.refresh();
    expect(await held()).toEqual(newest);
    // A newer arrival does come in (until a full reload trims the window back to the cap). `held()` started a
    // background refresh (refreshMs 0): let it finish first, or the next refresh() would join it, having read
    // the articles before the arrival.
    await pool.refresh();
    const fresh = await t.db.article.create({ data: { source: 'test', externalId: 'new', title: 'New', abstract: 'New.', category: 'TECH', publishedAt: new Date() } });
    await pool.refresh();
    expect(await held()).toContain(fresh.id);
  });
});
