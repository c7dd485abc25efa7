import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`onboarding (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 80);
  });
  afterAll(() => t.drop());

  it('offers sections with example headlines and says a new reader needs onboarding', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const options = await caller.onboarding.options();
    expect(options.needsOnboarding).toBe(true);
    expect(options.categories.map((c) => c.name).sort()).toEqual(['FOOD & DRINK', 'POLITICS', 'SPORTS', 'TECH']);
    for (const c of options.categories) expect(c.examples.length).toBeGreaterThan(0);
  });

  it('makes the very first feed personal: chosen sections lead, liked headlines become history', async () => {
    const readerId = newReaderId();
    const caller = await callerFor(t.db, { readerId });
    const options = await caller.onboarding.options();
    const tech = options.categories.find((c) => c.name === 'TECH')!;
    const liked = tech.examples.slice(0, 2).map((e) => e.id);
    expect(await caller.onboarding.complete({ interests: ['TECH'], liked })).toEqual({ interests: ['TECH'], liked: 2 });
    // Idempotent: liking the same headlines again stores nothing new.
    expect((await caller.onboarding.complete({ interests: ['TECH'], liked })).liked).toBe(0);
    expect((await caller.onboarding.status()).needsOnboarding).toBe(false);

    const cold = await (await callerFor(t.db, { readerId: newReaderId() })).feed.list({ limit: 10 });
    const { items, requestId } = await caller.feed.list({ limit: 10 });
    const share = (list: { category: string }[]) => list.filter((i) => i.category === 'TECH').length / list.length;
    expect(share(items)).toBeGreaterThan(share(cold.items));
    expect(share(items)).toBeGreaterThanOrEqual(0.5);
    for (const id of liked) expect(items.map((i) => i.id)).not.toContain(id);
    const whys = await Promise.all(items.map((i) => caller.feed.why({ requestId, articleId: i.id })));
    expect(whys.some((w) => w.because.some((b) => liked.includes(b.articleId) && b.title))).toBe(true);
  });

  it('validates its input', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    await expect(caller.onboarding.complete({ interests: [''], liked: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
