import { existsSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { repoRoot } from '@lede/db';
import { createTestDb, type TestDb } from '@lede/db/testing';
import { embedMissingArticles, encoderConfigFor } from '@lede/domain/encoders';
import { configureFeed } from '@lede/domain/feed';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

const modelsDir = path.join(repoRoot, 'models');
const fixture = 'test-tiny-bert';
const hasFixture = existsSync(path.join(modelsDir, fixture, 'onnx', 'model.onnx'));

describe.skipIf(!hasFixture)(`search with the installed encoder (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    vi.stubEnv('LEDE_MODELS_DIR', modelsDir);
    vi.stubEnv('LEDE_ENCODER', fixture);
    vi.stubEnv('LEDE_ENCODER_DTYPE', 'fp32');
    vi.stubEnv('LEDE_ENCODER_DEVICE', 'cpu');
    t = await createTestDb();
    await seedArticles(t.db, 12);
    const config = encoderConfigFor(fixture, 'fp32')!;
    await embedMissingArticles(t.db, { config });
    configureFeed(t.db, { encoderVersion: config.encoderVersion });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.drop();
  });

  it('embeds the query with the serving encoder and ranks by cosine, keyword hits first', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const res = await caller.search.query({ q: 'article 3 about food' });
    expect(res.mode).toBe('semantic');
    expect(res.hits[0]?.title).toBe('Article 3 about food & drink');
    expect(res.hits.length).toBeGreaterThan(1);
    expect(res.hits.slice(1).every((h) => h.similarity !== null)).toBe(true);
  });

  it('falls back to keywords when the pool holds another encoder’s vectors', async () => {
    configureFeed(t.db, { encoderVersion: 'another-encoder@000000000000' });
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const res = await caller.search.query({ q: 'food' });
    expect(res.mode).toBe('keyword');
    expect(res.hits.length).toBe(3);
  });
});
