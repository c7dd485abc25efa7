import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { listRetrainingDecisions, runRetrainingSchedule } from './schedule';

const metrics = (auc: number) => ({ auc, mrr: 0.3, ndcg5: 0.3, ndcg10: 0.4 });

describe(`nightly retraining (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('queues one run per night from the hour on, and promotes its candidate only when the guard allows', async () => {
    expect((await runRetrainingSchedule(t.db, { hourUtc: 2, now: new Date('2026-03-10T01:59:00Z') })).queued).toBeNull();
    const first = await runRetrainingSchedule(t.db, { hourUtc: 2, now: new Date('2026-03-10T02:05:00Z') });
    expect(first.queued).not.toBeNull();
    // The audit row is stamped with the real time; a later tick on the same (real) day queues nothing more.
    expect((await runRetrainingSchedule(t.db, { hourUtc: 0 })).queued).toBeNull();

    // The worker trained it: a better candidate, then a worse one the next night.
    await t.db.modelVersion.createMany({
      data: [
        { id: 'active', status: 'ACTIVE', trafficShare: 1, encoderVersion: 'e' },
        { id: 'better', encoderVersion: 'e' },
        { id: 'worse', encoderVersion: 'e' },
      ],
    });
    const finish = (id: string, versionId: string, auc: number) =>
      t.db.trainingRun.update({ where: { id }, data: { status: 'SUCCEEDED', modelVersionId: versionId, metrics: { impressions: 50, rankers: { finetuned: metrics(auc), active: metrics(0.6) } } } });
    await finish(first.queued!, 'better', 0.65);
    const tick = await runRetrainingSchedule(t.db, { hourUtc: 23, now: new Date('2026-03-10T03:00:00Z') });
    expect(tick.decided).toEqual([{ runId: first.queued, versionId: 'better', promoted: true, reasons: [] }]);
    expect(await t.db.modelVersion.findUniqueOrThrow({ where: { id: 'better' } })).toMatchObject({ status: 'ACTIVE', trafficShare: 1 });

    const worseRun = await t.db.trainingRun.create({ data: { params: {} } });
    await t.db.auditLog.create({ data: { action: 'training.scheduled', target: worseRun.id } });
    await finish(worseRun.id, 'worse', 0.55);
    const next = await runRetrainingSchedule(t.db, { hourUtc: 23, now: new Date('2026-03-11T03:00:00Z') });
    expect(next.decided).toEqual([{ runId: worseRun.id, versionId: 'worse', promoted: false, reasons: ['auc 0.5500 < active 0.6000'] }]);
    expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: 'worse' } })).status).toBe('CANDIDATE');
    // Decided once: a later tick leaves both alone.
    expect((await runRetrainingSchedule(t.db, { hourUtc: 23, now: new Date('2026-03-11T04:00:00Z') })).decided).toEqual([]);
    expect((await listRetrainingDecisions(t.db)).map((d) => d.promoted).sort()).toEqual([false, true]);
  });
});
