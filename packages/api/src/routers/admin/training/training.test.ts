import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { featureNames } from '@lede/ranking';
import { completeEncoderSwitch, encoderConfigFor, readEncoderConfig } from '@lede/domain/encoders';
import { ModelRouter, rankingConfigForVersion } from '@lede/domain/model-versions';
import { createSession } from '@lede/domain/readers';
import { claimQueuedRun, executeTrainingRun } from '@lede/domain/training';
import { seedTopicClickLog } from '@lede/domain/testing';

import { callerFor } from '../../../testing/fixtures';
import { buildUserVector, bytesToVector } from '@lede/ranking';

const ENCODER = 'synthetic@1';

describe(`training runs (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let adminToken: string;
  const dirs = { checkpoints: '', artifacts: '' };
  beforeAll(async () => {
    t = await createTestDb();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-train-'));
    dirs.checkpoints = path.join(tmp, 'checkpoints');
    dirs.artifacts = path.join(tmp, 'models');
    const admin = await t.db.user.create({ data: { email: 'admin@example.com', role: 'ADMIN', isAnonymous: false } });
    adminToken = (await createSession(t.db, admin.id)).token;
    await seedTopicClickLog(t.db, { encoderVersion: ENCODER, articles: 400, readers: 24, days: 5, visits: 2, end: Date.UTC(2026, 0, 6) });
  }, 60_000);
  afterAll(() => t.drop());

  it('runs from the admin to a promotable candidate that the feed then serves', async () => {
    const admin = await callerFor(t.db, { sessionToken: adminToken });
    const defaults = await admin.admin.training.defaults({});
    expect(defaults).toMatchObject({ epochs: 1, negatives: 4, heldOutDays: 1 });
    const { id } = await admin.admin.training.start({ days: 5, epochs: 4, lr: 3e-3, checkpointEvery: 2 });
    expect((await admin.admin.training.get({ id })).status).toBe('QUEUED');

    expect(await claimQueuedRun(t.db)).toBe(id);
    expect(await executeTrainingRun(t.db, id, { dirs, encoderVersion: ENCODER, threads: 1 })).toBe('succeeded');

    const run = await admin.admin.training.get({ id });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.progress.step).toBe(run.progress.totalSteps);
    expect(run.progress.curve.length).toBeGreaterThan(1);
    expect(fs.existsSync(run.checkpointPath!)).toBe(true);
    const { finetuned, untrained, popularity } = run.evaluation!.rankers;
    expect(finetuned!.auc).toBeGreaterThan(0.6);
    expect(untrained).toBeDefined();
    expect(popularity).toBeDefined();

    const versionId = run.modelVersion!.id;
    expect(run.modelVersion!.status).toBe('CANDIDATE');
    // Until promoted, nothing serves it; the version's config carries its trained user model either way.
    const config = await rankingConfigForVersion(t.db, versionId);
    expect(config.userModel).toBeDefined();
    // The same run trained the version's ranking model; it is stored beside the weights and served with them.
    expect(run.progress.ranking!.trees).toBeGreaterThan(0);
    // Stored whole: its linear part (the trees may add nothing on a few simulated days) comes back with it.
    expect(config.rankingModel!.model.linear?.weight).toHaveLength(featureNames.length);
    expect(config.rankingModel!.model.training.impressions).toBeGreaterThan(0);
    // A few simulated days decide little: confirm in case it measured below the active version (tested in models.test.ts).
    await admin.admin.models.promote({ id: versionId, confirmWorse: true });
    expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: versionId } })).status).toBe('ACTIVE');
    expect(await t.db.auditLog.count({ where: { action: 'model.promote', target: versionId } })).toBe(1);
    // The API's router re-reads the shares (no restart) and the feed ranks with the trained model.
    expect(await new ModelRouter(t.db, 0).versionFor('any-reader')).toBe(versionId);
    const history = (await t.db.articleVector.findMany({ take: 5 })).map((v) => ({
      articleId: v.articleId, category: 'TECH', clickedAt: new Date(), vector: bytesToVector(v.vector),
    }));
    const user = buildUserVector({ interests: [], history, notInterested: [], seen: new Set() }, new Date(), { userModel: config.userModel });
    expect(user.source).toBe('model');
    expect(user.vector).toHaveLength(512);
    expect(await t.db.auditLog.count({ where: { action: 'training.start', target: id } })).toBe(1);
  }, 120_000);

  it('trains on the vectors of the encoder the feed serves (an admin switch), not the environment\'s', async () => {
    // The shipped encoder at the other precision than the environment's: what an admin's switch leaves stored.
    const env = readEncoderConfig();
    const other = encoderConfigFor('lede-news-bert', env?.model === 'lede-news-bert' && env.dtype === 'fp16' ? 'q8' : 'fp16')!;
    expect(other.encoderVersion).not.toBe(env?.encoderVersion);
    const vectors = await t.db.articleVector.findMany({ where: { encoderVersion: ENCODER } });
    await t.db.articleVector.createMany({ data: vectors.map((v) => ({ ...v, encoderVersion: other.encoderVersion })) });
    expect(await completeEncoderSwitch(t.db, { model: other.model, dtype: other.dtype, encoderVersion: other.encoderVersion, at: new Date().toISOString() })).toBe(true);
    try {
      const admin = await callerFor(t.db, { sessionToken: adminToken });
      const { id } = await admin.admin.training.start({ days: 5, epochs: 1 });
      expect(await claimQueuedRun(t.db)).toBe(id);
      // No encoder version given: the run reads the serving one, as the worker's job does.
      expect(await executeTrainingRun(t.db, id, { dirs, threads: 1 })).toBe('succeeded');
      const run = await admin.admin.training.get({ id });
      expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: run.modelVersion!.id } })).encoderVersion).toBe(other.encoderVersion);
    } finally {
      await t.db.setting.deleteMany({ where: { key: { contains: 'ncoder' } } });
      await t.db.articleVector.deleteMany({ where: { encoderVersion: other.encoderVersion } });
    }
  }, 120_000);

  it('resumes a run left RUNNING from its checkpoint, and stops a cancelled one', async () => {
    const admin = await callerFor(t.db, { sessionToken: adminToken });
    const { id } = await admin.admin.training.start({ days: 5, epochs: 2, checkpointEvery: 1 });
    await claimQueuedRun(t.db);
    // A worker that dies mid-run leaves status RUNNING and a checkpoint: cancel after a few steps, then mark it
    // RUNNING again, as the crashed worker would have left it.
    const started = executeTrainingRun(t.db, id, { dirs, encoderVersion: ENCODER, threads: 1 });
    await new Promise((r) => setTimeout(r, 100));
    await admin.admin.training.cancel({ id });
    expect(await started).toBe('cancelled');
    const ckpt = (await admin.admin.training.get({ id })).checkpointPath;
    expect(ckpt && fs.existsSync(ckpt)).toBe(true);
    await t.db.trainingRun.update({ where: { id }, data: { status: 'RUNNING' } });
    const outcome = await executeTrainingRun(t.db, id, { dirs, encoderVersion: ENCODER, threads: 1 });
    const run = await admin.admin.training.get({ id });
    expect(outcome, run.error ?? '').toBe('succeeded');
    expect(run.progress.resumed).toBe(1);
    expect(run.log).toMatch(/resuming from checkpoint at step \d+/);
  }, 120_000);
});
