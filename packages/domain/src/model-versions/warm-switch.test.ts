import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { vectorToBytes } from '@lede/ranking';
import { createInitialState, DEFAULT_GRAPH, readGraphFiles, saveCheckpoint } from '@lede/ranking/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFeedDeps } from '../feed/configure-feed';
import { listFeed } from '../feed/list';
import { previewReaderFeeds } from '../newsroom/readers/inspector';
import { newReaderId, seedArticles } from '../testing/fixtures';
import { promoteVersion, rollbackModel } from './promotion';
import { isVersionWarm, ModelRouter } from './traffic-split';

// Issue 15 item 4: right after promote or roll back the inspector showed no semantic component for a reader
// under the new version. A switch is warm before it serves: the router names a version only once its models
// are loaded, and the inspector ranks with the reader's history vectors on a process that had not served yet.
describe(`a model version switch (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let reader: string;
  beforeAll(async () => {
    t = await createTestDb();
    const articles = await seedArticles(t.db, 40);
    const spec = readGraphFiles(DEFAULT_GRAPH).spec;
    let s = 3;
    const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
    await t.db.articleVector.createMany({
      data: articles.map((a) => ({ articleId: a.id, encoderVersion: 'test@1', dims: spec.dims, vector: vectorToBytes(Float32Array.from({ length: spec.dims }, rand)) })),
    });
    reader = newReaderId();
    await t.db.user.create({ data: { id: reader, interests: [] } });
    await t.db.readerEvent.createMany({ data: articles.slice(0, 5).map((a, i) => ({ clientEventId: `c${i}`, userId: reader, articleId: a.id, type: 'CLICK' as const })) });
    const artifactPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lede-warm-')), 'v2.weights');
    saveCheckpoint(artifactPath, { graph: DEFAULT_GRAPH, state: createInitialState(spec, 1), meta: {} }, true);
    await t.db.modelVersion.create({ data: { id: 'baseline', encoderVersion: 'test@1', status: 'ACTIVE', trafficShare: 1 } });
    await t.db.modelVersion.create({ data: { id: 'v2', encoderVersion: 'test@1', artifactPath } });
  });
  afterAll(() => t.drop());

  it('routes no reader to a version before its models are loaded; feed and inspector answer with semantic at once', async () => {
    const deps = createFeedDeps(t.db, { encoderVersion: 'test@1' });
    const router = new ModelRouter(t.db, 0);
    deps.models = router;
    const before = await listFeed(deps, reader, { limit: 10 });
    expect(before.modelVersion).toBe('baseline');
    expect(before.items[0]!.ranked.components.semantic).not.toBeNull();

    await promoteVersion(t.db, null, 'v2');
    expect(isVersionWarm('v2')).toBe(false);
    expect(await router.versionFor(reader)).toBe('v2');
    // Named only once warm: its user model and ranking model are in this process's caches.
    expect(isVersionWarm('v2')).toBe(true);
    const after = await listFeed(deps, reader, { limit: 10 });
    expect(after).toMatchObject({ modelVersion: 'v2', fallback: false });
    expect(after.items.every((i) => i.ranked.components.semantic !== null)).toBe(true);
    const [preview] = await previewReaderFeeds(deps, reader, [], 10);
    expect(preview!.version).toBe('v2');
    expect(preview!.items.every((i) => i.components.semantic !== null)).toBe(true);

    const admin = await t.db.user.create({ data: { email: 'admin@example.com', role: 'ADMIN' } });
    await rollbackModel(t.db, admin.id);
    expect(await router.versionFor(reader)).toBe('baseline');
    expect((await listFeed(deps, reader, { limit: 10 })).items[0]!.ranked.components.semantic).not.toBeNull();
  });

  it('the inspector on a process whose pool is still loading: the first answer has its semantic component', async () => {
    const deps = createFeedDeps(t.db, { encoderVersion: 'test@1' });
    // A real pool (thousands of articles and vectors) takes longer to load than the reader's profile queries.
    const load = deps.pool.prepared.bind(deps.pool);
    deps.pool.prepared = async () => {
      await new Promise((r) => setTimeout(r, 200));
      return load();
    };
    const [preview] = await previewReaderFeeds(deps, reader, ['v2'], 10);
    expect(preview!.items).toHaveLength(10);
    expect(preview!.items.every((i) => i.components.semantic !== null)).toBe(true);
  });
});
