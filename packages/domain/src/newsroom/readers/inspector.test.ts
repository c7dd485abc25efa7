import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { findReaders, getReaderOverview } from './inspector';

describe(`inspector lookups (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.user.createMany({
      data: [
        { email: 'ann@paper.example', isAnonymous: false, interests: [] },
        { email: 'anna@paper.example', isAnonymous: false, interests: [] },
        { externalId: 'sim:1', interests: ['SPORTS', 7] },
        { externalId: 'sim:12', interests: [] },
      ],
    });
  });
  afterAll(() => t.drop());

  it('matches a piece of an external id, id or email', async () => {
    expect((await findReaders(t.db, 'sim:1')).map((r) => r.externalId).sort()).toEqual(['sim:1', 'sim:12']);
    expect((await findReaders(t.db, 'm:12')).map((r) => r.externalId)).toEqual(['sim:12']);
    const [any] = await findReaders(t.db, 'sim:12');
    expect((await findReaders(t.db, any!.id.slice(2, 12))).map((r) => r.id)).toContain(any!.id);
    expect((await findReaders(t.db, 'ANN@')).map((r) => r.email)).toEqual(['ann@paper.example']);
    expect((await findReaders(t.db, 'paper.example')).map((r) => r.email).sort()).toEqual(['ann@paper.example', 'anna@paper.example']);
    expect(await findReaders(t.db, 'nobody')).toEqual([]);
  });

  it('keeps only string interests and counts no clicks for a new reader', async () => {
    const sim = (await findReaders(t.db, 'sim:1')).find((r) => r.externalId === 'sim:1');
    expect(await getReaderOverview(t.db, sim!.id)).toMatchObject({ interests: ['SPORTS'], clicks: 0, impressions: 0, history: [], categories: [] });
    await expect(getReaderOverview(t.db, 'missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
