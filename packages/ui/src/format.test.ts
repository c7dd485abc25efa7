import { describe, expect, it } from 'vitest';

import { formatAge, formatCategory, formatDate, formatPercent } from './format';

const now = new Date('2026-03-12T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('formatAge', () => {
  it('reads like a newsroom timestamp', () => {
    expect(formatAge(ago(20_000), now)).toBe('just now');
    expect(formatAge(ago(5 * 60_000), now)).toBe('5 min ago');
    expect(formatAge(ago(3 * 3_600_000 + 59 * 60_000), now)).toBe('3 h ago');
    expect(formatAge(ago(2 * 86_400_000), now)).toBe('2 d ago');
  });

  it('falls back to a date after a week, and for dates in the future', () => {
    expect(formatAge(ago(8 * 86_400_000), now)).toBe('4 Mar 2026');
    expect(formatAge(new Date('2026-03-12T12:00:30Z'), now)).toBe('just now');
  });
});

describe('formatDate / formatPercent', () => {
  it('formats in UTC', () => {
    expect(formatDate(new Date('2026-01-01T23:30:00Z'))).toBe('1 Jan 2026');
    expect(formatPercent(0.12345)).toBe('12.3%');
  });
});

describe('formatCategory', () => {
  it('title-cases feed sections, keeping initials', () => {
    expect(formatCategory('U.S. NEWS')).toBe('U.S. News');
    expect(formatCategory('FOOD & DRINK')).toBe('Food & Drink');
    expect(formatCategory('POLITICS')).toBe('Politics');
  });
});
