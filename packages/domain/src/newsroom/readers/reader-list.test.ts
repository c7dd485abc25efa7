import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { listReaders } from './reader-list';

describe(`reader list (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.user.createMany({
      data: [
        { email: 'ann@paper.example', isAnonymous: false, interests: [] },
        { email: 'ed@paper.example', isAnonymous: false, role: 'EDITOR', interests: [] },
        { isAnonymous: true, interests: [] },
        ...Array.from({ length: 5 }, (_, i) => ({ externalId: `sim:${i + 1}`, isAnonymous: true, interests: [] })),
      ],
    });
  });
  afterAll(() => t.drop());

  it('filters by kind and pages with a total', async () => {
    expect((await listReaders(t.db)).total).toBe(8);
    expect((await listReaders(t.db, { kind: 'accounts' })).rows.map((r) => r.email)).toEqual(['ann@paper.example']);
    expect((await listReaders(t.db, { kind: 'staff' })).rows.map((r) => r.email)).toEqual(['ed@paper.example']);
    expect((await listReaders(t.db, { kind: 'anonymous' })).total).toBe(1);
    const page2 = await listReaders(t.db, { kind: 'simulated', page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2 });
    expect(page2.rows).toHaveLength(2);
  });

  it('searches a piece of the email or external id inside a kind', async () => {
    expect((await listReaders(t.db, { query: 'PAPER' })).total).toBe(2);
    expect((await listReaders(t.db, { query: 'paper', kind: 'staff' })).rows.map((r) => r.email)).toEqual(['ed@paper.example']);
    expect((await listReaders(t.db, { query: 'sim:' })).total).toBe(5);
  });
});
