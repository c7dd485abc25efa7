import { describe, expect, it } from 'vitest';

import { runFeedBench } from './feed';

// `npm run bench -- feed` is an interface others run: a short run must serve every request and report
// every figure. (The figures themselves are for benchmark runs, not for a test on a shared machine.)
describe('feed benchmark', () => {
  it('serves feed.list and health.ping with and without the reader caches, and for readers who just clicked, and reports the figures', async () => {
    const run = await runFeedBench(400, { seconds: 2 });
    expect(Object.keys(run).sort()).toEqual(
      [
        'articles', 'pool', 'retrieved', 'rss_mb', 'processes', 'baseline_p99_ms', 'feed_p50_ms', 'feed_p99_ms', 'feed_rps', 'p99_ratio',
        'cached_hit_rate',
        'uncached_feed_p50_ms', 'uncached_feed_p99_ms', 'uncached_feed_rps', 'uncached_p99_ratio',
        'just_clicked_feed_p50_ms', 'just_clicked_feed_p99_ms', 'just_clicked_rps', 'just_clicked_p99_ratio',
        'after_reading_feed_p50_ms', 'after_reading_feed_p99_ms', 'after_reading_rps', 'after_reading_p99_ratio', 'after_reading_hit_rate',
      ].sort(),
    );
    expect(run.articles).toBe(400);
    // About half the corpus is inside the 30-day window, and all of it is eligible.
    expect(run.pool).toBeGreaterThan(150);
    expect(run.pool).toBeLessThan(250);
    expect(run.retrieved).toBeGreaterThan(0);
    expect(run.rss_mb).toBeGreaterThan(0);
    // Every reader was requested before the cached rounds, and nothing they depend on changed since.
    expect(run.cached_hit_rate).toBeGreaterThan(0.95);
    // Readers back from a story a second after clicking find it ranked (LEDE_RANK_AHEAD, on by default).
    expect(run.after_reading_hit_rate).toBeGreaterThan(0.9);
    for (const key of ['feed_rps', 'uncached_feed_rps', 'just_clicked_rps', 'after_reading_rps', 'p99_ratio', 'uncached_p99_ratio', 'just_clicked_p99_ratio', 'after_reading_p99_ratio'] as const) expect(run[key]).toBeGreaterThan(0);
  }, 180_000);
});
