import { describe, expect, it } from 'vitest';

import { MAX_REQUESTS_PER_READER, type RankedRequest, recall, remember } from './requests';

const session = (readerId: string): RankedRequest => ({
  readerId,
  category: null,
  modelVersion: 'v1',
  fallback: false,
  items: [],
  complete: true,
  titles: new Map(),
  read: new Set(),
  base: 0,
  shownBefore: new Set<string>(),
  createdAt: Date.now(),
  newSince: null,
});

// The soak's reader grew ~50 MB/min (issue 15): every feed visit was remembered until the process held 2,000,
// so a reader who reloads filled the store alone. Each reader now keeps their latest few.
describe('feed sessions in memory', () => {
  it('keeps a reader’s latest MAX_REQUESTS_PER_READER sessions, evicting their oldest, and leaves other readers’ alone', () => {
    remember('other-1', session('reader-b'));
    const ids = Array.from({ length: MAX_REQUESTS_PER_READER + 2 }, (_, i) => `a-${i}`);
    for (const id of ids) remember(id, session('reader-a'));
    expect(ids.map((id) => recall(id) !== undefined)).toEqual([false, false, ...ids.slice(2).map(() => true)]);
    expect(recall('other-1')?.readerId).toBe('reader-b');
  });

  it('counts a session once however many of its pages are served', () => {
    const ids = Array.from({ length: MAX_REQUESTS_PER_READER }, (_, i) => `c-${i}`);
    for (const id of ids) remember(id, session('reader-c'));
    // Later pages of the first session remember it again: no session of the reader's is evicted for that.
    for (let page = 0; page < 5; page++) remember(ids[0]!, session('reader-c'));
    expect(ids.every((id) => recall(id) !== undefined)).toBe(true);
  });
});
