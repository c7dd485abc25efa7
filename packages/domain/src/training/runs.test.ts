import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { acquireRunLease, claimAbandonedRuns, claimQueuedRun, executeUnderLease, renewRunLease, RUN_LEASE_MS } from './runs';

const later = (ms: number) => new Date(Date.now() + ms);

// Issue 15 item 9: every worker resumed every RUNNING run at start, so two workers could train the same
// crashed run at once (both writing its checkpoint and registering two versions).
describe(`training run leases (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('lets exactly one of two workers resume a crashed run, and only once its lease lapsed', async () => {
    const crashed = await t.db.trainingRun.create({ data: { status: 'RUNNING', ownerId: 'dead-worker', leaseUntil: later(RUN_LEASE_MS) } });
    expect(await claimAbandonedRuns(t.db)).toEqual([]);
    expect(await acquireRunLease(t.db, crashed.id, 'worker-a')).toBe(false);

    const afterLapse = later(RUN_LEASE_MS + 1000);
    const [a, b] = await Promise.all([claimAbandonedRuns(t.db, afterLapse), claimAbandonedRuns(t.db, afterLapse)]);
    expect([...a, ...b]).toEqual([crashed.id]);

    const [gotA, gotB] = await Promise.all([acquireRunLease(t.db, crashed.id, 'worker-a', afterLapse), acquireRunLease(t.db, crashed.id, 'worker-b', afterLapse)]);
    expect([gotA, gotB].filter(Boolean)).toHaveLength(1);
    const owner = gotA ? 'worker-a' : 'worker-b';
    expect(await t.db.trainingRun.findUniqueOrThrow({ where: { id: crashed.id } })).toMatchObject({ ownerId: owner });
    expect(await renewRunLease(t.db, crashed.id, owner)).toBe(true);
    expect(await renewRunLease(t.db, crashed.id, owner === 'worker-a' ? 'worker-b' : 'worker-a')).toBe(false);
  });

  it('runs a job under the lease, and a duplicate job on another worker does not run it again', async () => {
    await t.db.trainingRun.create({ data: {} });
    const runId = await claimQueuedRun(t.db);
    expect(runId).not.toBeNull();
    let executions = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = executeUnderLease(t.db, runId!, 'worker-a', async () => {
      executions += 1;
      await gate;
      return 'succeeded' as const;
    });
    await new Promise((r) => setTimeout(r, 50));
    const duplicate = await executeUnderLease(t.db, runId!, 'worker-b', () => Promise.resolve((executions += 1)));
    expect(duplicate).toBe('held-elsewhere');
    release();
    expect(await first).toBe('succeeded');
    expect(executions).toBe(1);
  });
});
