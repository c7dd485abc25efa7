import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDb, sqlitePath } from './client';
import { isSqliteBusy, retryOnBusy } from './sqlite-busy';
import { createTestDb, holdSqliteWriteLock, type TestDb } from './testing';

describe('SQLite lock waits', () => {
  it('retries SQLITE_BUSY only, within the bound', async () => {
    const busy = Object.assign(new Error('locked'), { cause: { originalCode: 'SQLITE_BUSY' } });
    let calls = 0;
    await expect(retryOnBusy(async () => (++calls < 3 ? Promise.reject(busy) : 'ok'), { totalMs: 1_000 })).resolves.toBe('ok');
    expect(calls).toBe(3);
    expect(isSqliteBusy({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(false);
    expect(isSqliteBusy({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(false);
    const other = new Error('no such table');
    calls = 0;
    await expect(retryOnBusy(() => (calls++, Promise.reject(other)), { totalMs: 1_000 })).rejects.toBe(other);
    expect(calls).toBe(1);
  });

  describe.skipIf(process.env.TEST_DB === 'postgresql')('against another connection holding the write lock', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb('sqlite');
    });
    afterAll(() => t.drop());

    it('gives up with SQLITE_BUSY once the bounded wait is over', async () => {
      const db = createDb(t.url, { attemptMs: 5, totalMs: 100 });
      await db.setting.count();
      const { released } = await holdSqliteWriteLock(sqlitePath(t.url), 600);
      const started = Date.now();
      const err: unknown = await db.setting.create({ data: { key: 'k', value: 1 } }).catch((e: unknown) => e);
      expect(isSqliteBusy((err as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError)).toBe(true);
      expect(Date.now() - started).toBeLessThan(500);
      await released;
      await expect(db.setting.create({ data: { key: 'k', value: 1 } })).resolves.toBeDefined();
      await db.$disconnect();
    });
  });
});
