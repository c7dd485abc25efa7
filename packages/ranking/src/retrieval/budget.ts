/**
 * Cutover between an exact scan of a category's vectors and the approximate index searched deeper and filtered
 * for it (`npm run bench -- category-scan`, shared 2-core machine, load ~4, 512-d news-shaped vectors): the scan
 * costs ~0.7–1.3 µs a vector (10k window, category of 1,250: 0.9 ms; 2,500: 2.2 ms; 100k window, 6,250: 7.9 ms),
 * usearch i8 asked for k results, 2× oversampled and rescored, ~7 µs a result at a 10k window (k 1,060: 7.3 ms)
 * and ~10 µs at 100k (k 1,860: 18.7 ms). So scanning is cheaper up to ~5–9 vectors per result; 4 leaves a margin
 * and picks the cheaper path in every measured case but one near tie (100k, category 12,500: 16.0 vs 18.7 ms).
 * With the search depth (nearest × window/category, at most 8×) that is every category of up to ~1,800 articles,
 * and up to ~7,400 for one under an eighth of the window. The scan is exact; the filtered search is not, and for
 * a category under an eighth of the window its 8× depth falls short: recall@200 0.58 at 1/16, 0.29 at 1/32.
 */
const EXACT_SCAN_PER_RESULT = 4;

/** How many candidates each source contributes to one request. */
export interface RetrievalBudget {
  /** Nearest to the user vector (approximate). */
  nearest: number;
  /** Most popular now (time-decayed clicks and impressions). */
  popular: number;
  /** Newest. */
  fresh: number;
  /** Newest of each category the reader follows (onboarding interests). */
  perFollowed: number;
  /** A window of at most this many articles is handed over whole: exact, and as cheap as retrieving. */
  wholeUpTo: number;
  /**
   * A category (a tab, or a followed section ranked alone) is searched by an exact scan of its vectors when it
   * has at most this many articles per result the approximate index would be asked for (searched deeper for a
   * category, then filtered): the scan is then the cheaper (EXACT_SCAN_PER_RESULT).
   */
  exactScanPerResult: number;
}

/**
 * ~320 candidates: enough for FEED_DEPTH (300) after the ranking's own filters, and few enough that ranking
 * them stays cheap (MMR's cost grows with the candidates: at 440 it was half a ranking's CPU time).
 */
export const defaultRetrievalBudget: RetrievalBudget = {
  nearest: 200,
  popular: 50,
  fresh: 50,
  perFollowed: 20,
  wholeUpTo: 1_000,
  exactScanPerResult: EXACT_SCAN_PER_RESULT,
};
