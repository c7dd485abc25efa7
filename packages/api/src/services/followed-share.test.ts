import { describe, expect, it } from 'vitest';

import { computeFollowedQuota, reserveFollowedShare } from './followed-share';

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
