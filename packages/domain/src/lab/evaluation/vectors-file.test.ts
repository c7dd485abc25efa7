import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { bytesToVector } from '@lede/ranking';

import { seedArticles } from '../../testing/fixtures';
import { readVectorsFile, storeFileVectors } from './vectors-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-vectors-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
const row = (id: string, vector: unknown) => JSON.stringify({ id, vector });

describe('readVectorsFile', () => {
  it('reads ids and L2-normalised vectors, and names a version after the file and its hash', async () => {
    const f = await readVectorsFile(write('ok.jsonl', [row('N1', [3, 4]), '', row('N2', [0, -2])]));
    expect(f.dims).toBe(2);
    expect([...f.vectors.keys()]).toEqual(['N1', 'N2']);
    expect(Array.from(f.vectors.get('N1')!)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(f.vectors.get('N2')!)).toEqual([0, -1]);
    expect(f.version).toMatch(/^file:ok\.jsonl@[0-9a-f]{12}$/);
  });

  it('refuses a missing file, bad lines, mixed or unexpected dimensions, duplicates and empty files', async () => {
    await expect(readVectorsFile(path.join(dir, 'nope.jsonl'))).rejects.toThrow(/no such file/);
    await expect(readVectorsFile(write('a.jsonl', ['{nope']))).rejects.toThrow(/a\.jsonl:1: not JSON/);
    await expect(readVectorsFile(write('b.jsonl', [row('', [1])]))).rejects.toThrow(/"id" must be a non-empty string/);
    await expect(readVectorsFile(write('c.jsonl', [row('N1', [1, 'x'])]))).rejects.toThrow(/array of finite numbers/);
    await expect(readVectorsFile(write('d.jsonl', [row('N1', [1, 2]), row('N2', [1, 2, 3])]))).rejects.toThrow(
      /d\.jsonl:2: vector of 3 dimensions, expected 2/,
    );
    await expect(readVectorsFile(write('e.jsonl', [row('N1', [1, 2])]), { dims: 512 })).rejects.toThrow(/2 dimensions, expected 512/);
    await expect(readVectorsFile(write('f.jsonl', [row('N1', [1]), row('N1', [2])]))).rejects.toThrow(/duplicate id "N1"/);
    await expect(readVectorsFile(write('g.jsonl', [row('N1', [0, 0])]))).rejects.toThrow(/zero vector/);
    await expect(readVectorsFile(write('h.jsonl', ['']))).rejects.toThrow(/no vectors/);
  });
});

describe(`storeFileVectors (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedArticles(t.db, 2, { source: 'mind' });
  });
  afterAll(() => t.drop());

  it('refuses ids that are not articles and articles without a vector', async () => {
    const extra = await readVectorsFile(write('x.jsonl', [row('a0', [1, 0]), row('a1', [0, 1]), row('N9', [1, 1])]));
    await expect(storeFileVectors(t.db, 'mind', extra)).rejects.toThrow(/1 ids in the vectors file are not in news\.tsv \(e\.g\. N9\)/);
    const short = await readVectorsFile(write('y.jsonl', [row('a0', [1, 0])]));
    await expect(storeFileVectors(t.db, 'mind', short)).rejects.toThrow(/1 news\.tsv articles have no vector in the file \(e\.g\. a1\)/);
  });

  it('stores one vector per article under the file version', async () => {
    const f = await readVectorsFile(write('z.jsonl', [row('a0', [2, 0]), row('a1', [0, 5])]));
    expect(await storeFileVectors(t.db, 'mind', f)).toBe(2);
    const rows = await t.db.articleVector.findMany({ where: { encoderVersion: f.version }, include: { article: true } });
    const byId = new Map(rows.map((r) => [r.article.externalId, Array.from(bytesToVector(r.vector))]));
    expect(byId).toEqual(new Map([['a0', [1, 0]], ['a1', [0, 1]]]));
  });
});
