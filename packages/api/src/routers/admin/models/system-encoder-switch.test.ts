import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { repoRoot } from '@lede/db';
import { createTestDb, type TestDb } from '@lede/db/testing';
import {
  countLoadedEncoders,
  createServingVersionReader,
  encoderConfigFor,
  getEncoder,
  getOnlyEncoder,
  readEncoderConfig,
  readServingEncoder,
  readSystemStatus,
  retainEncoders,
  runEmbedArticlesJob,
  switchEncoder,
} from '@lede/domain/encoders';
import { CandidatePool } from '@lede/domain/feed';
import { InProcessQueue } from '@lede/domain/jobs';
import { createSession } from '@lede/domain/readers';
import { AppError } from '@lede/domain/shared';

import { callerFor, seedArticles } from '../../../testing/fixtures';

const modelsDir = path.join(repoRoot, 'models');
const hasFixture = existsSync(path.join(modelsDir, 'test-tiny-bert', 'onnx', 'model.onnx'));
const fixture = 'test-tiny-bert';

describe.skipIf(!hasFixture)(`switching the serving encoder (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let queue: InProcessQueue;
  let fp32: string;
  let q8: string;
  const progress: unknown[] = [];

  beforeAll(async () => {
    // The fixture serves only because LEDE_ENCODER names it; fp32 serves first, the switch goes to q8.
    vi.stubEnv('LEDE_MODELS_DIR', modelsDir);
    vi.stubEnv('LEDE_ENCODER', fixture);
    vi.stubEnv('LEDE_ENCODER_DTYPE', 'fp32');
    vi.stubEnv('LEDE_ENCODER_DEVICE', 'cpu');
    fp32 = encoderConfigFor(fixture, 'fp32')!.encoderVersion;
    q8 = encoderConfigFor(fixture, 'q8')!.encoderVersion;
    t = await createTestDb();
    await seedArticles(t.db, 20);
    queue = new InProcessQueue();
    queue.process('embed-articles', (data, ctx) =>
      runEmbedArticlesJob(t.db, data, {
        progress: (value) => {
          progress.push(value);
          return ctx.progress(value);
        },
      }),
    );
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await queue.close();
    await retainEncoders([]);
    await t.drop();
  });

  // Issue 15 item 10: the reader's search loaded the new serving encoder beside the replaced one, for ever.
  it('releases a replaced encoder when only the serving one is needed', async () => {
    await retainEncoders([]);
    const old = await getEncoder(encoderConfigFor(fixture, 'fp32')!);
    expect(countLoadedEncoders()).toBe(1);
    const current = await getOnlyEncoder(encoderConfigFor(fixture, 'q8')!);
    expect(countLoadedEncoders()).toBe(1);
    expect(current).not.toBe(old);
    await retainEncoders([]);
  });

  it('serves the environment encoder and reports its device after embedding', async () => {
    expect(await readServingEncoder(t.db)).toMatchObject({ source: 'env', config: { encoderVersion: fp32 } });
    const result = await runEmbedArticlesJob(t.db, {}, { progress: () => Promise.resolve() });
    expect(result).toEqual({ servingVersion: fp32, embedded: 20, switch: null });
    const status = await readSystemStatus(t.db);
    expect(status.encoder.worker).toMatchObject({ model: fixture, dtype: 'fp32', device: 'cpu', encoderVersion: fp32, coverage: { published: 20, withVector: 20 } });
    expect(status.encoder.serving).toMatchObject({ encoderVersion: fp32, source: 'env', coverage: { published: 20, withVector: 20 } });
    expect(status.encoder.requested).toBeNull();
  });

  it('keeps serving the old version until every published article has a vector for the new one', async () => {
    const pool = new CandidatePool(t.db, { days: 30, size: 100, refreshMs: 0, encoderVersion: createServingVersionReader(t.db) });
    await pool.refresh();
    expect(pool.vectorVersion()).toBe(fp32);

    // Record the request without running its job yet: a queue with no handler holds the job.
    const idle = new InProcessQueue();
    const requested = await switchEncoder(t.db, idle, fixture, 'q8');
    expect(requested).toMatchObject({ encoderVersion: q8, serving: false });
    expect(await idle.status(requested.jobId!)).toMatchObject({ state: 'waiting' });

    const partial = await runEmbedArticlesJob(t.db, { limit: 5 }, { progress: () => Promise.resolve() });
    expect(partial).toEqual({ servingVersion: fp32, embedded: 0, switch: { encoderVersion: q8, embedded: 5, completed: false } });
    await pool.refresh();
    expect(pool.vectorVersion()).toBe(fp32);
    expect((await pool.list()).every((a) => a.vector)).toBe(true);
    const midway = await readSystemStatus(t.db);
    expect(midway.encoder.serving?.encoderVersion).toBe(fp32);
    expect(midway.encoder.requested).toMatchObject({ encoderVersion: q8, installed: true, coverage: { published: 20, withVector: 5 } });

    // The switch's own job finishes it, with done/total progress, and the pool follows on its next refresh.
    const { jobId } = await switchEncoder(t.db, queue, fixture, 'q8', { actorId: null });
    expect(await queue.waitFor(jobId!, 20_000)).toEqual({ servingVersion: q8, embedded: 0, switch: { encoderVersion: q8, embedded: 15, completed: true } });
    expect(progress).toContainEqual({ phase: 'switch', encoderVersion: q8, done: 15, total: 15 });
    expect(await readServingEncoder(t.db)).toMatchObject({ source: 'setting', config: { model: fixture, dtype: 'q8', encoderVersion: q8 } });
    await pool.refresh();
    expect(pool.vectorVersion()).toBe(q8);
    const vectors = (await pool.list()).map((a) => a.vector);
    expect(vectors).toHaveLength(20);
    expect(vectors.every((v) => v?.length === 512)).toBe(true);
    const after = await readSystemStatus(t.db);
    expect(after.encoder).toMatchObject({ requested: null, worker: { dtype: 'q8', device: 'cpu', encoderVersion: q8, coverage: { published: 20, withVector: 20 } } });
    expect(await t.db.auditLog.count({ where: { action: 'encoder.switch' } })).toBe(2);
  });

  it('embeds new articles under the new serving version; switching to it again needs no job', async () => {
    await seedArticles(t.db, 3, { source: 'later' });
    expect(await runEmbedArticlesJob(t.db, {}, { progress: () => Promise.resolve() })).toMatchObject({ servingVersion: q8, embedded: 3 });
    expect(await switchEncoder(t.db, queue, fixture, 'q8')).toEqual({ encoderVersion: q8, jobId: null, serving: true });
  });

  it('refuses unknown models, unverifiable files and fixtures the environment does not name', async () => {
    const refusal = (call: Promise<unknown>) => call.then(() => null, (err: unknown) => (err instanceof AppError ? `${err.code}: ${err.message}` : String(err)));
    expect(await refusal(switchEncoder(t.db, queue, 'no-such-model', 'q8'))).toMatch(/^BAD_REQUEST: Unknown model "no-such-model"/);
    expect(await refusal(switchEncoder(t.db, queue, fixture, 'q8', { env: { ...process.env, LEDE_ENCODER: undefined } }))).toMatch(/^BAD_REQUEST: .*test fixture/);

    const dir = await mkdtemp(path.join(tmpdir(), 'lede-models-'));
    try {
      await cp(path.join(modelsDir, fixture), path.join(dir, fixture), { recursive: true });
      await cp(path.join(modelsDir, 'manifest.json'), path.join(dir, 'manifest.json'));
      const file = path.join(dir, fixture, 'onnx', 'model_quantized.onnx');
      const bytes = await readFile(file);
      bytes[bytes.length - 1]! ^= 0xff;
      await writeFile(file, bytes);
      await expect(switchEncoder(t.db, queue, fixture, 'q8', { env: { ...process.env, LEDE_MODELS_DIR: dir } })).rejects.toThrow(/fails its sha256 check/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await readSystemStatus(t.db)).encoder.requested).toBeNull();
  });

  it('reports the status to admins through admin.system.status', async () => {
    const admin = await t.db.user.create({ data: { email: 'ops@example.com', role: 'ADMIN', isAnonymous: false, interests: [] } });
    const caller = await callerFor(t.db, { sessionToken: (await createSession(t.db, admin.id)).token });
    const status = await caller.admin.system.status();
    expect(status.encoder.serving).toMatchObject({ model: fixture, dtype: 'q8', encoderVersion: q8, source: 'setting', coverage: { published: 23, withVector: 23 } });
    expect(status.encoder.worker).toMatchObject({ device: 'cpu', encoderVersion: q8 });
    expect(status.encoder.worker?.reportedAt).toBeInstanceOf(Date);
    expect(await caller.admin.system.encoders()).toContainEqual(expect.objectContaining({ name: fixture, kind: 'test-fixture', versions: { q8, fp32 } }));

    // Without Redis the procedure only records the request; the worker's next embed run carries it out, and
    // switching back reuses the vectors kept for the old version (only the 3 newer articles need one).
    expect(await caller.admin.system.switchEncoder({ name: fixture, dtype: 'fp32' })).toEqual({ encoderVersion: fp32, jobId: null, serving: false });
    expect(await runEmbedArticlesJob(t.db, {}, { progress: () => Promise.resolve() })).toEqual({
      servingVersion: fp32,
      embedded: 0,
      switch: { encoderVersion: fp32, embedded: 3, completed: true },
    });
    expect((await caller.admin.system.status()).encoder.serving).toMatchObject({ encoderVersion: fp32, coverage: { published: 23, withVector: 23 } });
  });

  it('keeps readEncoderConfig on the environment for CLIs and tests', () => {
    expect(readEncoderConfig()?.encoderVersion).toBe(fp32);
    expect(readEncoderConfig({ ...process.env, LEDE_ENCODER: undefined })?.model).not.toBe(fixture);
  });
});
