import { describe, expect, it } from 'vitest';

import { addFollowedCandidates, computeFollowedQuota, reserveFollowedShare } from './followed-share';

const item = (id: string, section: string) => ({ id, section });
const sectionOf = (i: { section: string }) => i.section;

describe('reserveFollowedShare', () => {
  it('gives a followed section its quota on every page, at the bottom of the page, best-ranked first', () => {
    const items = [
      ...Array.from({ length: 10 }, (_, i) => item(`p${i}`, 'POLITICS')),
      item('s0', 'SPORTS'),
      item('s1', 'SPORTS'),
      item('s2', 'SPORTS'),
    ];
    const out = reserveFollowedShare(items, sectionOf, ['SPORTS'], 4, 2);
    expect(out.map((i) => i.id)).toEqual(['p0', 'p1', 's0', 's1', 'p2', 'p3', 'p4', 's2', 'p5', 'p6', 'p7', 'p8', 'p9']);
  });

  it('keeps the order when the quota is met already or nothing is followed', () => {
    const items = [item('a', 'SPORTS'), item('b', 'POLITICS'), item('c', 'SPORTS')];
    expect(reserveFollowedShare(items, sectionOf, ['SPORTS'], 3, 1)).toEqual(items);
    expect(reserveFollowedShare(items, sectionOf, [], 3, 1)).toEqual(items);
  });

  it('splits the share between sections, at least one each', () => {
    expect(computeFollowedQuota(1, 20)).toBe(8);
    expect(computeFollowedQuota(3, 20)).toBe(2);
    expect(computeFollowedQuota(12, 20)).toBe(1);
    expect(computeFollowedQuota(0, 20)).toBe(0);
  });
});

describe('addFollowedCandidates', () => {
  const ranked = [
    { articleId: 'p1', section: 'POLITICS' },
    { articleId: 's1', section: 'SPORTS' },
  ];
  const rankSports = (section: string, limit: number) =>
    [{ articleId: 's1', section }, { articleId: 's2', section }, { articleId: 's3', section }].slice(0, limit);

  it('appends a short section\'s best items from its own ranking, without repeats', async () => {
    const out = await addFollowedCandidates(ranked, sectionOf, ['SPORTS'], 3, rankSports);
    expect(out.map((i) => i.articleId)).toEqual(['p1', 's1', 's2', 's3']);
  });

  it('ranks nothing more when the section already has enough', async () => {
    let asked = 0;
    const out = await addFollowedCandidates(ranked, sectionOf, ['SPORTS'], 1, (s, n) => (asked++, rankSports(s, n)));
    expect(out).toEqual(ranked);
    expect(asked).toBe(0);
  });
});
