import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { seedArticles } from '../testing/fixtures';
import { type ChangeBus, createLocalBus, createRedisBus } from './change-bus';
import { updateArticleEditorial } from '../newsroom/editorial/editorial';
import { feedDepsFor } from '../feed/configure-feed';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function collect(bus: ChangeBus, channel: string) {
  const got: string[] = [];
  return { got, stop: bus.subscribe(channel, (m) => got.push(m)) };
}

describe('change bus', () => {
  it('delivers in-process without Redis, until unsubscribed', () => {
    const bus = createLocalBus();
    const a = collect(bus, 'readers');
    const other = collect(bus, 'articles');
    bus.publish('readers', 'r1,r2');
    a.stop();
    bus.publish('readers', 'r3');
    expect(a.got).toEqual(['r1,r2']);
    expect(other.got).toEqual([]);
  });

  it.skipIf(process.env.TEST_REDIS === '0')('carries a message to the other processes on Redis, and to its publisher once', async () => {
    const channel = `test-${Date.now()}`;
    const one = createRedisBus(redisUrl);
    const two = createRedisBus(redisUrl);
    const heardByOne = collect(one, channel);
    const heardByTwo = collect(two, channel);
    await new Promise((resolve) => setTimeout(resolve, 300)); // subscriptions reach Redis
    one.publish(channel, 'r1');
    two.publish(channel, 'r2');
    await vi.waitFor(() => {
      expect(heardByOne.got.sort()).toEqual(['r1', 'r2']);
      expect(heardByTwo.got.sort()).toEqual(['r1', 'r2']);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // No echo: each message once in each process.
    expect(heardByOne.got).toHaveLength(2);
    expect(heardByTwo.got).toHaveLength(2);
  });
});

describe(`editorial changes reach the candidate pool through the bus (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('drops a hidden article well before the pool’s periodic refresh', async () => {
    const articles = await seedArticles(t.db, 5);
    const admin = await t.db.user.create({ data: { email: 'editor@example.test', isAnonymous: false, role: 'EDITOR' } });
    const pool = feedDepsFor(t.db).pool;
    await pool.prepared();
    expect(pool.get(articles[0]!.id)).toBeDefined();
    await updateArticleEditorial(t.db, admin.id, articles[0]!.id, { status: 'HIDDEN' });
    // LEDE_POOL_REFRESH_S is 30 s: only the published change explains a refresh within the wait.
    await vi.waitFor(() => expect(pool.get(articles[0]!.id)).toBeUndefined(), { timeout: 10_000 });
  });
});
