import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { makeTempDir } from '../../ingest/test-fixtures';
import { evaluateRankers, prepareMindSession } from '.';

const DAY = 86_400_000;
const start = Date.UTC(2019, 10, 10);

function mindTime(t: number): string {
  const d = new Date(t);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * A publisher-shaped log: both news files list every article of the four days up front (as a feed does),
 * each behavior shows the day's and the previous days' articles, and readers click the newest.
 */
function writeLog(root: string) {
  const articles = Array.from({ length: 40 }, (_, i) => ({ id: `N${i}`, day: Math.floor(i / 10) }));
  const news = articles.map((a) => [a.id, 'news', 'newsus', `Story ${a.id} of day ${a.day}`, 'Abstract.', '', '[]', '[]'].join('\t')).join('\n') + '\n';
  const behaviors = (days: number[]) =>
    days
      .flatMap((day) =>
        Array.from({ length: 12 }, (_, k) => {
          const t = start + day * DAY + (k + 1) * 3_600_000;
          const shown = articles.filter((a) => a.day <= day).slice(-16);
          const newest = Math.max(...shown.map((a) => a.day));
          const candidates = shown.map((a, j) => `${a.id}-${a.day === newest && j % 3 === k % 3 ? 1 : 0}`).join(' ');
          return [`${day}-${k}`, `U${k}`, mindTime(t), '', candidates].join('\t');
        }),
      )
      .join('\n') + '\n';
  for (const [split, days] of [['train', [0, 1, 2]], ['dev', [3]]] as const) {
    fs.mkdirSync(path.join(root, split), { recursive: true });
    fs.writeFileSync(path.join(root, split, 'news.tsv'), news);
    fs.writeFileSync(path.join(root, split, 'behaviors.tsv'), behaviors([...days]));
  }
}

describe(`MIND dates in evaluation (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('dates an article by the first behavior naming it, even when an earlier split lists it: recency beats random', async () => {
    const root = makeTempDir('lede-mind-dates-');
    writeLog(root);
    const session = await prepareMindSession({ train: path.join(root, 'train'), dev: path.join(root, 'dev'), db: t.db });
    // N35 appears only in dev behaviors (day 3), though train/news.tsv lists it: its date is its first dev showing.
    const n35 = await t.db.article.findFirstOrThrow({ where: { source: 'mind', externalId: 'N35' } });
    expect(n35.publishedAt.toISOString()).toBe(new Date(start + 3 * DAY + 3_600_000).toISOString());
    const [recency, random] = await evaluateRankers(session, ['recency', 'random'], { seed: 1 });
    expect(recency!.impressions).toBe(12);
    expect(recency!.auc).toBeGreaterThan(0.65); // ties among the newest day's articles keep it below 1
    expect(recency!.auc).toBeGreaterThan(random!.auc);
  });
});
