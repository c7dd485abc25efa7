import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';
import { vectorToBytes } from '@lede/ranking';
import { configureFeed, findHighlights, searchArticles } from '@lede/domain/feed';

import { callerFor, newReaderId } from '../../testing/fixtures';

const ENCODER = 'test-encoder@000000000000';

function unit(...xs: number[]) {
  const n = Math.hypot(...xs);
  return new Float32Array(xs.map((x) => x / n));
}

describe(`search (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    const now = Date.now();
    const rows = [
      { externalId: 's1', title: 'Senate passes the BUDGET bill', abstract: 'Lawmakers agree on spending.', category: 'POLITICS', v: unit(1, 0, 0) },
      { externalId: 's2', title: 'Striker scores twice in the final', abstract: 'A budget signing pays off.', category: 'SPORTS', v: unit(0, 1, 0) },
      { externalId: 's3', title: 'Congress debates fiscal plans', abstract: 'Taxes and deficits.', category: 'POLITICS', v: unit(0.9, 0.1, 0) },
      { externalId: 's4', title: 'A 100% guide to_underscores', abstract: '', category: 'TECH', v: unit(0, 0, 1) },
    ];
    for (const [i, r] of rows.entries()) {
      const a = await t.db.article.create({
        data: { source: 'test', externalId: r.externalId, title: r.title, abstract: r.abstract, category: r.category, publishedAt: new Date(now - i * 3_600_000) },
      });
      await t.db.articleVector.create({ data: { articleId: a.id, encoderVersion: ENCODER, dims: 3, vector: vectorToBytes(r.v) } });
    }
    await t.db.article.create({ data: { source: 'test', externalId: 'hidden', title: 'Hidden budget story', category: 'POLITICS', publishedAt: new Date(now), status: 'HIDDEN' } });
  });
  afterAll(() => t.drop());

  it('finds keywords case-insensitively in title or abstract, all terms, with highlights (no encoder installed)', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const res = await caller.search.query({ q: 'budget' });
    expect(res.mode).toBe('keyword');
    expect(res.hits.map((h) => h.title)).toEqual(['Senate passes the BUDGET bill', 'Striker scores twice in the final']);
    expect(res.hits[0]!.titleHighlights).toEqual([[18, 24]]);
    expect(res.hits[1]!.abstractHighlights).toEqual([[2, 8]]);
    expect((await caller.search.query({ q: 'budget senate' })).hits).toHaveLength(1);
    expect((await caller.search.query({ q: 'nothing-matches-this' })).hits).toEqual([]);
  });

  it('treats LIKE wildcards in the query literally', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    expect((await caller.search.query({ q: '100%' })).hits.map((h) => h.title)).toEqual(['A 100% guide to_underscores']);
    expect((await caller.search.query({ q: 'to_u' })).hits).toHaveLength(1);
    expect((await caller.search.query({ q: '%%' })).hits).toHaveLength(0);
  });

  it('ranks by cosine to the embedded query, keyword hits first, when vectors exist', async () => {
    const deps = configureFeed(t.db, { encoderVersion: ENCODER });
    try {
      const res = await searchArticles(deps, { q: 'fiscal', limit: 10 }, (_q, version) => Promise.resolve(version === ENCODER ? unit(1, 0.05, 0) : null));
      expect(res.mode).toBe('semantic');
      // "fiscal" matches s3 by keyword; s1 is a close neighbour without the word; s2 and s4 are too far.
      expect(res.hits.map((h) => h.title)).toEqual(['Congress debates fiscal plans', 'Senate passes the BUDGET bill']);
      expect(res.hits[1]!.similarity).toBeGreaterThan(0.9);
    } finally {
      configureFeed(t.db, { encoderVersion: null });
    }
  });

  it('answers from keywords when the encoder fails', async () => {
    const deps = configureFeed(t.db, { encoderVersion: ENCODER });
    try {
      const res = await searchArticles(deps, { q: 'fiscal', limit: 10 }, () => Promise.reject(new Error('no onnxruntime here')));
      expect(res.mode).toBe('keyword');
      expect(res.hits.map((h) => h.title)).toEqual(['Congress debates fiscal plans']);
    } finally {
      configureFeed(t.db, { encoderVersion: null });
    }
  });

  it('merges overlapping highlight ranges', () => {
    expect(findHighlights('Budgets and budget', ['budget', 'budgets'])).toEqual([[0, 7], [12, 18]]);
  });

  it('marks whole words that start with a term, never a term inside a word', () => {
    const title = 'WNBA Finals: Aces win; NBA finals next';
    expect(findHighlights(title, ['nba', 'finals'])).toEqual([[5, 11], [23, 26], [27, 33]]);
    // A word that starts with the term is marked whole.
    expect(findHighlights('Final scores', ['fin'])).toEqual([[0, 5]]);
  });

  it('matches keywords at word starts only: "nba" does not find WNBA stories', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    await t.db.article.create({ data: { source: 'test', externalId: 'wnba', title: 'WNBA title game tonight', category: 'SPORTS', publishedAt: new Date() } });
    expect((await caller.search.query({ q: 'nba' })).hits).toEqual([]);
    expect((await caller.search.query({ q: 'wnba' })).hits.map((h) => h.title)).toEqual(['WNBA title game tonight']);
  });

  it('filters by section and date, sorts by date, and pages past the first results', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const now = Date.now();
    for (let i = 0; i < 25; i++) {
      await t.db.article.create({
        data: { source: 'paging', externalId: `p${i}`, title: `Harbour report ${i}`, category: i % 2 ? 'LOCAL' : 'TRAVEL', publishedAt: new Date(now - i * 86_400_000) },
      });
    }
    const first = await caller.search.query({ q: 'harbour', sort: 'date' });
    expect(first.hits).toHaveLength(20);
    expect(first.more).toBe(true);
    expect(first.hits[0]!.title).toBe('Harbour report 0');
    const second = await caller.search.query({ q: 'harbour', sort: 'date', offset: 20 });
    expect(second.hits.map((h) => h.title)).toEqual([20, 21, 22, 23, 24].map((i) => `Harbour report ${i}`));
    expect(second.more).toBe(false);
    const local = await caller.search.query({ q: 'harbour', section: 'LOCAL', limit: 50 });
    expect(local.hits).toHaveLength(12);
    expect(local.hits.every((h) => h.category === 'LOCAL')).toBe(true);
    const week = await caller.search.query({ q: 'harbour', within: 'week', limit: 50 });
    expect(week.hits.map((h) => h.title).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Harbour report ${i}`).sort());
  });
});
