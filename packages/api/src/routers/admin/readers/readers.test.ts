import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { configureFeed } from '@lede/domain/feed';
import { featureLabels, type FeatureName } from '@lede/ranking';

import { seedArticles } from '../../../testing/fixtures';
import { staffCaller } from '../test-helpers';

describe(`admin.readers (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let editor: Awaited<ReturnType<typeof staffCaller>>;
  let readerId: string;
  let sportsIds: string[];
  beforeAll(async () => {
    t = await createTestDb();
    configureFeed(t.db, { encoderVersion: null });
    editor = await staffCaller(t.db, 'EDITOR');
    const articles = await seedArticles(t.db, 40);
    const reader = await t.db.user.create({ data: { externalId: 'sim:12', interests: ['TECH'] } });
    readerId = reader.id;
    sportsIds = articles.filter((a) => a.category === 'SPORTS').map((a) => a.id);
    await t.db.readerEvent.createMany({
      data: sportsIds.slice(0, 3).map((articleId, i) => ({ clientEventId: `k${i}`, userId: readerId, articleId, type: 'CLICK' as const, createdAt: new Date(Date.now() - i * 60_000) })),
    });
  });
  afterAll(() => t.drop());

  it('finds a reader by external id, id or email', async () => {
    expect((await editor.caller.admin.readers.search({ query: 'sim:12' })).map((r) => r.id)).toEqual([readerId]);
    expect((await editor.caller.admin.readers.search({ query: readerId })).map((r) => r.id)).toEqual([readerId]);
    expect((await editor.caller.admin.readers.search({ query: editor.user.email! })).map((r) => r.id)).toEqual([editor.user.id]);
    expect(await editor.caller.admin.readers.search({ query: '  ' })).toEqual([]);
  });

  it('shows history and interests', async () => {
    const r = await editor.caller.admin.readers.get({ id: readerId });
    expect(r).toMatchObject({ externalId: 'sim:12', interests: ['TECH'], clicks: 3, categories: [{ category: 'SPORTS', clicks: 3 }] });
    expect(r.history.map((h) => h.articleId)).toEqual(sportsIds.slice(0, 3));
    // Looking at a reader's email and history is audited.
    expect(await t.db.auditLog.findFirst({ where: { action: 'reader.view', target: readerId } })).toMatchObject({ actorId: editor.user.id });
  });

  it('previews the feed with components and reasons, logging no impressions, under two versions', async () => {
    await t.db.modelVersion.create({ data: { id: 'other', encoderVersion: 'none' } });
    const [a, b] = await editor.caller.admin.readers.feed({ id: readerId, versions: ['baseline', 'other'], limit: 10 });
    expect(a!.version).toBe('baseline');
    expect(b!.version).toBe('other');
    expect(a!.items).toHaveLength(10);
    // Clicked articles are not recommended again; the clicked category comes first, explained by the clicks.
    expect(a!.items.some((i) => sportsIds.slice(0, 3).includes(i.articleId))).toBe(false);
    const top = a!.items[0]!;
    expect(top.category).toBe('SPORTS');
    expect(top.because.length).toBeGreaterThan(0);
    expect(top.because[0]!.title).toMatch(/Article \d+/);
    expect(top.components.final).toBeCloseTo(top.score, 6);
    // The ranking model's largest contributions, each feature in plain words.
    expect(top.contributions.length).toBeGreaterThan(0);
    for (const c of top.contributions) expect(c.label).toBe(featureLabels[c.feature as FeatureName]);
    expect(await t.db.impression.count()).toBe(0);

    const own = await editor.caller.admin.readers.feed({ id: readerId });
    expect(own[0]!.version).toBe('baseline');
    await expect(editor.caller.admin.readers.feed({ id: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(editor.caller.admin.readers.feed({ id: readerId, versions: ['baseline', 'typo'] })).rejects.toThrow('No model version typo');
  });
});
