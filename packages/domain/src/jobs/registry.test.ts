import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { makeTempDir } from '../ingest/test-fixtures';
import { InProcessQueue } from './in-process';
import { jobNames } from './payloads';
import { jobHandlers, registerJobs } from './registry';

describe('job registry', () => {
  let t: TestDb;
  let file: string;
  beforeAll(async () => {
    t = await createTestDb();
    file = path.join(makeTempDir(), 'articles.jsonl');
    const row = { id: 'a1', source: 'test', title: 'A title', description: 'Text.', category: 'WORLD NEWS', published: '2024-01-02', url: 'https://example.com/a1', authors: '' };
    fs.writeFileSync(file, `${JSON.stringify(row)}\n`);
  });
  afterAll(() => t.drop());

  it('has a handler for every job name', () => {
    expect(Object.keys(jobHandlers).sort()).toEqual([...jobNames].sort());
  });

  // The worker's and the admin's import handlers used to differ: only the worker's queued embedding.
  it('queues embedding after an import where this process runs it, and not where nothing would', async () => {
    for (const [names, expected] of [
      [['import', 'embed-articles'], ['embed-articles']],
      [['import'], []],
    ] as const) {
      const queue = new InProcessQueue();
      const enqueued: string[] = [];
      const enqueue = queue.enqueue.bind(queue);
      queue.enqueue = (name, data) => {
        enqueued.push(name);
        return enqueue(name, data);
      };
      registerJobs(queue, t.db, names);
      const id = await queue.enqueue('import', { path: file });
      await queue.waitFor(id, 10_000);
      expect(enqueued.filter((n) => n !== 'import')).toEqual(expected);
      expect((await queue.status(id))?.progress).toBe(100);
    }
  });

  it('rejects a payload that does not fit the job', async () => {
    const queue = new InProcessQueue();
    await expect(queue.enqueue('train', { runId: '' })).rejects.toThrow();
    await expect(queue.enqueue('aggregate-metrics', { days: -1 })).rejects.toThrow();
  });
});
