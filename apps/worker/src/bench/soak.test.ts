import { describe, expect, it } from 'vitest';

import { slopePerMinute } from './soak';

describe('soak RSS slope', () => {
  it('is the least-squares slope in MB per minute', () => {
    // 2 MB every 30 s = 4 MB/min; a flat series is 0; the third by hand: cov 2940 / var 18000 MB/s = 9.8 MB/min.
    expect(slopePerMinute([{ t_s: 150, mb: 500 }, { t_s: 180, mb: 502 }, { t_s: 210, mb: 504 }, { t_s: 240, mb: 506 }])).toBe(4);
    expect(slopePerMinute([{ t_s: 0, mb: 480 }, { t_s: 60, mb: 480 }])).toBe(0);
    expect(slopePerMinute([{ t_s: 0, mb: 501 }, { t_s: 60, mb: 509 }, { t_s: 120, mb: 517 }, { t_s: 180, mb: 531 }])).toBe(9.8);
    expect(slopePerMinute([{ t_s: 0, mb: 480 }])).toBe(0);
  });
});
