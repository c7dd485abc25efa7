import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { ModelRouter } from '@lede/domain/model-versions';

import { staffCaller } from '../test-helpers';

describe(`admin.models (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let admin: Awaited<ReturnType<typeof staffCaller>>;
  beforeAll(async () => {
    t = await createTestDb();
    admin = await staffCaller(t.db, 'ADMIN');
    await t.db.modelVersion.create({
      data: {
        id: 'nrms-1', encoderVersion: 'enc@1', description: 'fine-tuned',
        metrics: { auc: 0.61, mrr: 0.3, ndcg5: 0.33, ndcg10: 0.4, baselines: { popularity: { auc: 0.55, mrr: 0.25, ndcg5: 0.27, ndcg10: 0.33 }, recency: { auc: 0.5 } } },
        provenance: { run: 'r1', data: 'MIND-small' },
      },
    });
  });
  afterAll(() => t.drop());

  it('seeds the baseline once and lists versions with their metrics beside the baselines', async () => {
    const first = await admin.caller.admin.models.list({});
    const again = await admin.caller.admin.models.list({});
    expect(again).toHaveLength(first.length);
    const baseline = first.find((v) => v.id === 'baseline')!;
    expect(baseline).toMatchObject({ status: 'ACTIVE', trafficShare: 1 });
    const nrms = first.find((v) => v.id === 'nrms-1')!;
    expect(nrms.own).toMatchObject({ auc: 0.61, ndcg10: 0.4, recallAtK: null });
    expect(nrms.baselines.map((b) => b.name)).toEqual(['popularity', 'recency']);
    expect(JSON.parse(nrms.provenance)).toEqual({ run: 'r1', data: 'MIND-small' });
  });

  it('promotes, splits and rolls back, auditing each, and the router follows without a restart', async () => {
    const router = new ModelRouter(t.db, 0);
    await admin.caller.admin.models.promote({ id: 'nrms-1' });
    expect(await router.versionFor('any-reader')).toBe('nrms-1');
    const versions = await t.db.modelVersion.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, trafficShare: true } });
    expect(versions).toEqual([
      { id: 'baseline', status: 'RETIRED', trafficShare: 0 },
      { id: 'nrms-1', status: 'ACTIVE', trafficShare: 1 },
    ]);

    const split = await admin.caller.admin.models.split({ arms: [{ id: 'baseline', share: 0.3 }, { id: 'nrms-1', share: 0.3 }] });
    expect(split.arms).toEqual([{ id: 'baseline', share: 0.5 }, { id: 'nrms-1', share: 0.5 }]);
    const arms = new Set<string>();
    for (let i = 0; i < 200; i++) arms.add(await router.versionFor(`reader-${i}`));
    expect(arms).toEqual(new Set(['baseline', 'nrms-1']));

    // Roll back undoes the split: all traffic to nrms-1 again.
    const back = await admin.caller.admin.models.rollback({});
    expect(back.arms).toEqual([{ id: 'nrms-1', share: 1 }]);
    expect(await router.versionFor('reader-1')).toBe('nrms-1');

    const audit = await t.db.auditLog.findMany({ orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true } });
    expect(audit.map((a) => a.action)).toEqual(['model.promote', 'model.split', 'model.rollback']);
    expect(audit.every((a) => a.actorId === admin.user.id)).toBe(true);
  });

  it('asks for confirmation before promoting a version worse than the active one on held-out days, and audits it as such', async () => {
    await t.db.modelVersion.create({
      data: {
        id: 'worse-1', encoderVersion: 'enc@1',
        metrics: { auc: 0.58, ndcg10: 0.42, baselines: { 'active (nrms-1)': { auc: 0.61, ndcg10: 0.4 } } },
      },
    });
    const listed = (await admin.caller.admin.models.list({})).find((v) => v.id === 'worse-1')!;
    expect(listed.worseThanActive).toEqual(['AUC 0.58 < 0.61']);
    await expect(admin.caller.admin.models.promote({ id: 'worse-1' })).rejects.toThrow(/worse than the active version.*confirm/);
    expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: 'worse-1' } })).status).toBe('CANDIDATE');
    await admin.caller.admin.models.promote({ id: 'worse-1', confirmWorse: true });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'model.promote', target: 'worse-1' } });
    expect(audit.details).toMatchObject({ confirmedWorse: ['AUC 0.58 < 0.61'] });
  });

  it('refuses unknown versions and one-armed splits', async () => {
    await expect(admin.caller.admin.models.promote({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.caller.admin.models.split({ arms: [{ id: 'nrms-1', share: 0.5 }, { id: 'nrms-1', share: 0.5 }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

// Issue 15 item 3: a second roll-back used to undo the first one (toggling between the last two states).
describe(`admin.models.rollback walks back through recorded states (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    for (const id of ['baseline', 'cand']) {
      await t.db.modelVersion.create({ data: { id, encoderVersion: 'enc@1', description: id, status: id === 'baseline' ? 'ACTIVE' : 'CANDIDATE', trafficShare: id === 'baseline' ? 1 : 0 } });
    }
  });
  afterAll(() => t.drop());

  it('A/B 50/50 -> promote -> roll back -> roll back again ends at the baseline, then has nothing left', async () => {
    const { caller } = await staffCaller(t.db, 'ADMIN');
    await caller.admin.models.split({ arms: [{ id: 'baseline', share: 1 }, { id: 'cand', share: 1 }] });
    await caller.admin.models.promote({ id: 'cand' });
    expect((await caller.admin.models.rollback({})).arms).toEqual([{ id: 'baseline', share: 0.5 }, { id: 'cand', share: 0.5 }]);
    expect((await caller.admin.models.rollback({})).arms).toEqual([{ id: 'baseline', share: 1 }]);
    const active = await t.db.modelVersion.findMany({ where: { status: 'ACTIVE' }, select: { id: true, trafficShare: true } });
    expect(active).toEqual([{ id: 'baseline', trafficShare: 1 }]);
    await expect(caller.admin.models.rollback({})).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe(`admin.models.rollback with no history (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('says there is nothing to roll back to', async () => {
    const { caller } = await staffCaller(t.db, 'ADMIN');
    await expect(caller.admin.models.rollback({})).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
