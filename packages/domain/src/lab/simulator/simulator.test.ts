import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { parseMindTime } from '../../ingest/mind/mind-time';
import { defaultCorpus, simulateReaders, type SimulateSummary } from '.';
import { loadCorpus } from './corpus';
import { createRng, drawDistinct } from './prng';
import { createReaders, topicsOn } from './readers';
import { regimes } from './regimes';
import { buildTfidf } from './tfidf';

const now = new Date('2026-03-10T09:00:00Z');
const small = { users: 80, days: 6, seed: 7, now };

const outs: string[] = [];
function makeOut(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-sim-'));
  outs.push(dir);
  return dir;
}

function readTsv(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
}

describe(`reader simulator (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let out: string;
  let summary: SimulateSummary;
  beforeAll(async () => {
    t = await createTestDb();
    out = makeOut();
    summary = await simulateReaders({ ...small, out, db: t.db });
  }, 60_000);
  afterAll(async () => {
    await t.drop();
    for (const dir of outs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('draws the same numbers for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    expect(drawDistinct(createRng(1), [1, 0, 2, 3], 3).sort()).toEqual([0, 2, 3]);
  });

  it('writes the same files byte for byte for a seed, and different ones for another seed', async () => {
    const again = makeOut();
    await simulateReaders({ ...small, out: again });
    for (const file of ['train/news.tsv', 'train/behaviors.tsv', 'dev/news.tsv', 'dev/behaviors.tsv']) {
      expect(fs.readFileSync(path.join(again, file)).equals(fs.readFileSync(path.join(out, file)))).toBe(true);
    }
    const other = makeOut();
    await simulateReaders({ ...small, seed: 8, out: other });
    expect(fs.readFileSync(path.join(other, 'train/behaviors.tsv')).equals(fs.readFileSync(path.join(out, 'train/behaviors.tsv')))).toBe(false);
  }, 30_000);

  it('lands near the target click-through rate', () => {
    expect(summary.ctr).toBeGreaterThan(0.02);
    expect(summary.ctr).toBeLessThan(0.08);
    expect(summary.impressions).toBe(summary.train.impressions + summary.dev.impressions);
  });

  it('splits by day (dev = the last day, today) and lists every named article in news.tsv', () => {
    expect(summary.dev.day).toBe('2026-03-10');
    for (const split of ['train', 'dev']) {
      const news = new Set(readTsv(path.join(out, split, 'news.tsv')).map((cols) => cols[0]));
      for (const [, , time, history, items] of readTsv(path.join(out, split, 'behaviors.tsv'))) {
        const day = parseMindTime(time ?? '')?.toISOString().slice(0, 10) ?? '';
        if (split === 'dev') expect(day).toBe('2026-03-10');
        else expect(day < '2026-03-10' && day >= '2026-03-05').toBe(true);
        const ids = [...(history ?? '').split(' ').filter(Boolean), ...(items ?? '').split(' ').map((i) => i.slice(0, -2))];
        for (const id of ids) expect(news.has(id)).toBe(true);
      }
    }
  });

  it("writes the click model's probabilities beside each split: one per shown card, higher where readers clicked", () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const split of ['train', 'dev']) {
      const behaviors = readTsv(path.join(out, split, 'behaviors.tsv'));
      const probabilities = readTsv(path.join(out, split, 'click-probabilities.tsv'));
      expect(probabilities.map(([id]) => id)).toEqual(behaviors.map(([id]) => id));
      const clicked: number[] = [];
      const skipped: number[] = [];
      behaviors.forEach(([, , , , items = ''], i) => {
        const ps = (probabilities[i]?.[1] ?? '').split(' ').map(Number);
        const cards = items.split(' ');
        expect(ps).toHaveLength(cards.length);
        cards.forEach((card, k) => (card.endsWith('-1') ? clicked : skipped).push(ps[k]!));
      });
      expect(skipped.every((p) => p > 0 && p < 1)).toBe(true);
      expect(mean(clicked)).toBeGreaterThan(1.5 * mean(skipped));
    }
  });

  it("drift: most readers' main interest changes on a simulated day after the first, to a new topic at full strength", async () => {
    const articles = (await loadCorpus(defaultCorpus, now)).slice(0, 1500);
    const { vectors } = buildTfidf(articles.map((a) => `${a.title} ${a.abstract}`));
    const days = [20_000, 20_001, 20_002, 20_003];
    const pool = { articles, vectors, before: 1000, days };
    expect(createReaders(createRng(3), pool, 200, regimes.mixed).some((r) => r.drift)).toBe(false);
    const drifting = createReaders(createRng(3), pool, 200, regimes.drift);
    const drifted = drifting.filter((r) => r.drift);
    expect(drifted.length / drifting.length).toBeGreaterThan(0.55);
    expect(drifted.length / drifting.length).toBeLessThan(0.85);
    for (const r of drifted) {
      expect(r.drift!.day).toBeGreaterThan(days[0]!);
      expect(days).toContain(r.drift!.day);
      expect(topicsOn(r, r.drift!.day - 1)).toBe(r.topics);
      expect(topicsOn(r, r.drift!.day)[0]).toMatchObject({ weight: 1 });
      expect(topicsOn(r, r.drift!.day)[0]!.centroid).not.toBe(r.topics[0]!.centroid);
    }
  }, 30_000);

  it('grows a history only with items the reader was shown and clicked', () => {
    const lines = [...readTsv(path.join(out, 'train', 'behaviors.tsv')), ...readTsv(path.join(out, 'dev', 'behaviors.tsv'))];
    const clicked = new Map<string, Set<string>>();
    const seeds = new Map<string, Set<string>>();
    for (const [, user = '', , history = '', items = ''] of lines) {
      const past = history.split(' ').filter(Boolean);
      const known = clicked.get(user) ?? new Set<string>();
      // The first impression's history is the reader's seed reading; afterwards, new entries are earlier clicks.
      if (!seeds.has(user)) seeds.set(user, new Set(past));
      for (const id of past) expect(seeds.get(user)?.has(id) || known.has(id)).toBe(true);
      for (const item of items.split(' ')) if (item.endsWith('-1')) known.add(item.slice(0, -2));
      clicked.set(user, known);
    }
  });

  it('stores readers, impressions and clicks, once, with clicks only on shown items', async () => {
    const count = async () => ({
      users: await t.db.user.count({ where: { externalId: { startsWith: 'sim:' } } }),
      impressions: await t.db.impression.count(),
      clicks: await t.db.readerEvent.count({ where: { type: 'CLICK', requestId: { not: null } } }),
      events: await t.db.readerEvent.count(),
    });
    const stored = await count();
    expect(stored).toMatchObject({ users: summary.activeUsers, impressions: summary.shown, clicks: summary.clicks });
    expect(summary.db).toMatchObject({ users: stored.users, impressions: stored.impressions, events: stored.events });
    await simulateReaders({ ...small, out: makeOut(), db: t.db });
    expect(await count()).toEqual(stored);
    const clicks = await t.db.readerEvent.findMany({ where: { requestId: { not: null } }, select: { requestId: true, articleId: true, userId: true } });
    const shown = await t.db.impression.findMany({ select: { requestId: true, articleId: true, userId: true } });
    const keys = new Set(shown.map((s) => `${s.requestId} ${s.articleId} ${s.userId}`));
    expect(clicks.every((c) => keys.has(`${c.requestId} ${c.articleId} ${c.userId}`))).toBe(true);
    const reader = await t.db.user.findFirstOrThrow({ where: { externalId: { startsWith: 'sim:' } } });
    expect(Array.isArray(reader.interests) && reader.interests.length > 0).toBe(true);
  }, 60_000);
});
