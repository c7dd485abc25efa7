import { describe, expect, it } from 'vitest';

import { featureCount } from './compute';
import { buildLogRows, type LogArticle, type LogImpression } from './log-rows';
import { featureIndex, MISSING } from './names';
import { PopularityLog } from './popularity';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 2, 8);
const article = (category: string, publishedHoursAfterT0: number, text: string): LogArticle => ({
  category,
  publishedAt: new Date(t0 + publishedHoursAfterT0 * H),
  vector: Float32Array.from([category === 'sports' ? 1 : 0, category === 'sports' ? 0 : 1, 0.1]),
  text,
});
const articles = new Map<string, LogArticle>([
  ['a', article('sports', -5, 'football final goal')],
  ['b', article('politics', -3, 'election senate vote')],
  ['c', article('sports', -1, 'football transfer window')],
  ['d', article('politics', 30, 'election recount senate')],
]);
const imp = (reader: string, hours: number, clicked: string[], shown = ['a', 'b', 'c']): LogImpression => ({
  reader,
  time: new Date(t0 + hours * H),
  history: [],
  candidates: shown.map((articleId) => ({ articleId, clicked: clicked.includes(articleId) })),
});
const encodeUsers = (h: Float32Array[][]) => Promise.resolve(h.map((v) => v[0] ?? null));

describe('buildLogRows', () => {
  const early = [imp('u1', 0, ['a']), imp('u2', 1, ['c']), imp('u1', 2, ['b'])];
  const later = [imp('u3', 3, ['a', 'c']), imp('u1', 4, ['c']), imp('u2', 26, ['d'], ['a', 'd']), imp('u1', 27, ['d'], ['b', 'd'])];

  it.each(['impression', 'day'] as const)('reads no future: rows of an impression do not change when later impressions are added (%s)', async (knownFrom) => {
    const short = await buildLogRows(early, articles, { knownFrom, encodeUsers });
    const long = await buildLogRows([...early, ...later], articles, { knownFrom, encodeUsers });
    const rows = short.data.labels.length;
    expect(Array.from(long.data.x.subarray(0, rows * featureCount))).toEqual(Array.from(short.data.x));
    expect(long.data.labels.length).toBeGreaterThan(rows);
  });

  it('counts popularity and the reader history from earlier impressions only', async () => {
    const { data } = await buildLogRows([...early, ...later], articles, { knownFrom: 'impression', encodeUsers });
    const value = (row: number, f: keyof typeof featureIndex) => data.x[row * featureCount + featureIndex[f]]!;
    // Impression 0, candidate a: nobody clicked anything yet, no history.
    expect(value(0, 'popularityClicks')).toBe(0);
    expect(value(0, 'historyLength')).toBe(0);
    // Impression 2 (u1 at 2 h), candidate a: one click by u1 at 0 h; u1's history holds it.
    expect(value(6, 'popularityClicks')).toBeCloseTo(Math.log1p(1), 6);
    expect(value(6, 'readers24h')).toBeCloseTo(Math.log1p(1), 6);
    expect(value(6, 'historyLength')).toBeCloseTo(Math.log1p(1), 6);
    expect(value(6, 'categoryShare')).toBe(1);
    // Ages as of the impression: article a was 7 h old at 2 h.
    expect(value(6, 'ageHours')).toBeCloseTo(Math.log1p(7), 5);
  });

  it("with knownFrom 'day' hides the same day's clicks", async () => {
    const { data } = await buildLogRows(early, articles, { knownFrom: 'day', encodeUsers });
    expect(data.x[6 * featureCount + featureIndex.popularityClicks]).toBe(0);
    expect(data.x[6 * featureCount + featureIndex.historyLength]).toBe(0);
  });

  it('reads what the reader was shown and passed over from earlier impressions only', async () => {
    const { data } = await buildLogRows([...early, ...later], articles, { knownFrom: 'impression', encodeUsers });
    const value = (row: number, f: keyof typeof featureIndex) => data.x[row * featureCount + featureIndex[f]]!;
    // Impression 0: u1 was shown nothing before.
    expect(value(0, 'skippedBefore')).toBe(MISSING);
    expect(value(0, 'sectionLift')).toBe(MISSING);
    // Impression 2 (u1 at 2 h) after u1 saw a (clicked), b and c (skipped): b and c once each, a never.
    expect(value(6, 'skippedBefore')).toBe(0);
    expect(value(7, 'skippedBefore')).toBeCloseTo(Math.log1p(1), 6);
    expect(value(8, 'skippedBefore')).toBeCloseTo(Math.log1p(1), 6);
    // Sports: 1 click in 2 cards, politics 0 in 1: sports above the reader's rate, politics below.
    expect(value(6, 'sectionLift')).toBeGreaterThan(0);
    expect(value(7, 'sectionLift')).toBeLessThan(0);
    // Cosine of a (1, 0, 0.1) with the mean of the skipped b (0, 1, 0.1) and c (1, 0, 0.1).
    expect(value(6, 'skippedSimilarity')).toBeCloseTo(1.02 / Math.sqrt(2.04 * 1.01), 5);
  });

  it("with knownFrom 'day' hides the same day's impressions from the skip features", async () => {
    const { data } = await buildLogRows(early, articles, { knownFrom: 'day', encodeUsers });
    expect(data.x[6 * featureCount + featureIndex.skippedBefore]).toBe(MISSING);
  });

  it('keeps only impressions with a click and a skip when asked', async () => {
    const all = await buildLogRows([imp('u1', 0, []), imp('u2', 1, ['a'])], articles, { knownFrom: 'impression', encodeUsers, pairsOnly: true });
    expect(all.source).toEqual([1]);
  });
});

describe('PopularityLog', () => {
  it('counts distinct readers per window and weighs the day before at half', () => {
    const log = new PopularityLog();
    const at = (h: number) => new Date(t0 + h * H);
    log.record('a', at(0), 'u1', true);
    log.record('a', at(0), 'u1', true);
    log.record('a', at(30), 'u2', true);
    log.record('a', at(49.5), 'u3', false);
    const f = log.factsAt('a', at(50));
    expect(f.readers).toEqual({ hour: 0, day: 1, week: 2 });
    expect(f.clicks).toBeCloseTo(1 + 0.5 * 2, 6);
    expect(f.impressions).toBeCloseTo(2 + 0.5 * 2, 6);
    expect(() => log.record('a', at(1), 'u4', false)).toThrow(/order/);
  });
});
