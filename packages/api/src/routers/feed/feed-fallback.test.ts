import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import type * as Ranking from '@lede/ranking';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

// Ranking blows up for every request in this file.
vi.mock('@lede/ranking', async (importOriginal) => ({
  ...(await importOriginal<typeof Ranking>()),
  rankCandidates: () => {
    throw new Error('ranking exploded');
  },
}));

describe(`feed.list when ranking fails (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 30);
  });
  afterAll(() => t.drop());

  it('serves freshness + popularity instead of an error, and logs the failure', async () => {
    const logged = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const page = await caller.feed.list({ limit: 10 });
    const lines = logged.mock.calls.map((c) => String(c[0]));
    logged.mockRestore();
    expect(page.items).toHaveLength(10);
    // Newest first: the fallback is freshness-led.
    const times = page.items.map((i) => i.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(lines.some((l) => l.includes('ranking failed') && l.includes('ranking exploded'))).toBe(true);
  });
});
