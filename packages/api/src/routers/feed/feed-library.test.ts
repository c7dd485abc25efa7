import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { vectorToBytes } from '@lede/ranking';

import { configureFeed } from '@lede/domain/feed';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

type TCaller = Awaited<ReturnType<typeof callerFor>>;

async function readAll(caller: TCaller, category: string | null) {
  const items = [];
  let cursor: string | null = null;
  do {
    const page = await caller.feed.list({ limit: 20, cursor, category });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe(`feed and the reader's library (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let articles: Awaited<ReturnType<typeof seedArticles>>;
  beforeAll(async () => {
    t = await createTestDb();
    articles = await seedArticles(t.db, 80);
  });
  afterAll(() => t.drop());

  async function click(caller: TCaller, ids: string[]) {
    await caller.events.log({ events: ids.map((id, n) => ({ clientEventId: `click-${n}-${id}`, type: 'CLICK' as const, articleId: id })) });
  }

  it('keeps read stories reachable, after the unread ones and marked read: a section never runs dry', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const sports = articles.filter((a) => a.category === 'SPORTS');
    await click(caller, sports.map((a) => a.id));
    const tab = await readAll(caller, 'SPORTS');
    expect(tab.map((i) => i.id).sort()).toEqual(sports.map((a) => a.id).sort());
    expect(tab.every((i) => i.read)).toBe(true);

    const all = await readAll(caller, null);
    expect(all).toHaveLength(80);
    const firstRead = all.findIndex((i) => i.read);
    expect(firstRead).toBe(80 - sports.length);
    expect(all.slice(firstRead).every((i) => i.read)).toBe(true);
  });

  it('gives a followed section room on every page even when history points elsewhere', async () => {
    // The case: 8 politics clicks, then Sports ticked in Settings. Before followed sections had a
    // guaranteed share, the history's affinity kept every sports story out of the first page.
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    await click(caller, articles.filter((a) => a.category === 'POLITICS').slice(0, 8).map((a) => a.id));
    const before = await caller.feed.list({ limit: 20 });
    const politicsBefore = before.items.filter((i) => i.category === 'POLITICS').length;
    await caller.account.update({ interests: ['SPORTS'] });
    const after = await caller.feed.list({ limit: 20 });
    expect(after.items.filter((i) => i.category === 'SPORTS').length).toBeGreaterThanOrEqual(8);
    // History still counts: politics keeps most of its place.
    expect(after.items.filter((i) => i.category === 'POLITICS').length).toBeGreaterThanOrEqual(Math.min(politicsBefore, 12) - 8);
  });

  it('leaves a hidden section out of "For you" but not out of its own tab', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    await caller.library.setSection({ section: 'TECH', hide: true });
    expect((await readAll(caller, null)).some((i) => i.category === 'TECH')).toBe(false);
    expect((await caller.feed.list({ limit: 5, category: 'TECH' })).items.length).toBe(5);
    await caller.library.setSection({ section: 'TECH', hide: false });
    expect((await readAll(caller, null)).some((i) => i.category === 'TECH')).toBe(true);
  });
});

describe(`feed: followed sections past the ranking's depth (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  const ENCODER = 'test-encoder@000000000000';
  let t: TestDb;
  let articles: Awaited<ReturnType<typeof seedArticles>>;
  beforeAll(async () => {
    t = await createTestDb();
    // 440 stories; three sections read alike (vectors near one direction), Sports points elsewhere: a reader
    // of politics gets 330 stories ahead of any sports one, more than the 300 a ranking keeps.
    articles = await seedArticles(t.db, 440);
    const direction: Record<string, number[]> = { POLITICS: [1, 0, 0], TECH: [0.95, 0.3, 0], 'FOOD & DRINK': [0.95, 0, 0.3], SPORTS: [0, 0, 1] };
    await t.db.articleVector.createMany({
      data: articles.map((a, i) => {
        const [x, y, z] = direction[a.category]!;
        const v = new Float32Array([x!, y! + (i % 7) * 0.01, z!]);
        return { articleId: a.id, encoderVersion: ENCODER, dims: 3, vector: vectorToBytes(v) };
      }),
    });
    configureFeed(t.db, { encoderVersion: ENCODER });
  });
  afterAll(async () => {
    configureFeed(t.db, { encoderVersion: null });
    await t.drop();
  });

  it('retrieves a followed section the ranking left out, and gives it its share of the first page', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const politics = articles.filter((a) => a.category === 'POLITICS').slice(0, 8);
    await caller.events.log({ events: politics.map((a, n) => ({ clientEventId: `deep-click-${n}-${a.id}`, type: 'CLICK' as const, articleId: a.id })) });
    // Before following it, Sports reaches the first page at most through diversity (MMR), never with its share.
    expect((await caller.feed.list({ limit: 20 })).items.filter((i) => i.category === 'SPORTS').length).toBeLessThanOrEqual(2);
    await caller.account.update({ interests: ['SPORTS'] });
    const page = await caller.feed.list({ limit: 20 });
    expect(page.items.filter((i) => i.category === 'SPORTS').length).toBeGreaterThanOrEqual(8);
  });
});
