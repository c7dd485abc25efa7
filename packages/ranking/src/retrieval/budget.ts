/**
 * Cutover between a scan of a category's packed i8 rows (`CategoryMembers`: native SIMD, then f32 on twice the
 * results; exact in every case measured) and the approximate index searched deeper and filtered for it
 * (`npm run bench -- category-scan`, 2-core machine, 512-d news-shaped vectors, 200 wanted plus 260 excluded).
 * The scan costs ~0.02–0.1 µs a vector (10k window, category of 1,250: 0.37 ms; 100k, 12,500: 1.1 ms; 500k,
 * 62,500: 2.9 ms; 250,000: 11.1 ms); the index, asked for k results, ~4–25 µs a result (500k, k 1,860: 20.3 ms,
 * recall 0.971; k 660: 13.6 ms, 0.926). So the scan is the cheaper up to ~250–400 vectors per result: 400 scans
 * every category of up to half the window at any size measured, and never the whole window above ~180k (there
 * the index was faster: 500k, 11.3 vs 15.9 ms, though at recall 0.861). For a category under an eighth of the
 * window the filtered search, at most 8× deeper, also falls short: recall@200 0.58 at 1/16, 0.29 at 1/32.
 */
const EXACT_SCAN_PER_RESULT = 400;

/**
 * Up to this many vectors the whole window is scanned (every category's i8 rows, one native pass each, merged)
 * rather than searched through the HNSW graph. Measured by `npm run bench -- category-scan` (share 1: 8 sections,
 * 200 wanted plus 260 excluded; 2-core machine under load): 10k 1.9 ms vs the graph's 1.5 ms; 100k 6.3 vs 3.2 ms;
 * 500k 33.5 vs 16.3 ms. The graph is faster, but at 500k it found 0.849 of the true top 200 (issue 16 asks
 * ≥ 0.95) where the scan is exact, and building it is most of a process's start: the 1M-article feed bench
 * loaded its 500k window in 254 s with the graph, 64 s without. So the scan up to 600k; past it the graph.
 */
const SCAN_WHOLE_UP_TO = 600_000;

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
   * A window of at most this many vectors finds its nearest by scanning every category's packed i8 rows
   * (`CategoryMembers`: exact after the f32 step); a larger one builds the approximate index (usearch HNSW)
   * and searches it (measured: SCAN_WHOLE_UP_TO).
   */
  scanWholeUpTo: number;
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
  scanWholeUpTo: SCAN_WHOLE_UP_TO,
  exactScanPerResult: EXACT_SCAN_PER_RESULT,
};
