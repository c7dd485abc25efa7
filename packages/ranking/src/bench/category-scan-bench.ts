import { scanNearest } from '../retrieval/category-members';
import { generateClusteredVectors, generateQueries } from '../retrieval/synthetic';
import { UsearchIndex } from '../retrieval/usearch-index';
import { searchRescored } from '../retrieval/vector-index';

export interface CategoryScanBenchRow {
  window: number;
  /** Articles in the category (every `share`-th of the window). */
  category: number;
  share: number;
  /** What the approximate index is asked for, as `CandidateIndex.retrieve` asks (nearest × share + exclusions). */
  k: number;
  scan_ms: number;
  ann_ms: number;
  /** Share of the exact top `nearest` within the category that the filtered approximate search finds. */
  ann_recall: number;
}

const DIMS = 512;
const QUERIES = 40;

/**
 * The exact scan of one category's vectors against the serving index (usearch i8, 2× oversampled and rescored)
 * searched deeper and filtered to the category, per window size and category share: the measurement behind
 * `CandidateIndex`'s cutover (EXACT_SCAN_PER_RESULT, retrieval/budget.ts). The scan reads vectors where the pool holds them (one
 * array per article), as serving does.
 */
export function runCategoryScanBench(sizes: readonly number[], nearest = 200, exclusions = 260, report: (row: CategoryScanBenchRow) => void = () => {}): CategoryScanBenchRow[] {
  const rows: CategoryScanBenchRow[] = [];
  for (const window of sizes) {
    const data = generateClusteredVectors(window, DIMS);
    const units = Array.from({ length: window }, (_, i) => data.subarray(i * DIMS, (i + 1) * DIMS));
    const index = new UsearchIndex(DIMS);
    index.addBatch(Array.from({ length: window }, (_, i) => i), data);
    const queries = generateQueries(data, DIMS, QUERIES);
    const query = (q: number) => queries.subarray((q % QUERIES) * DIMS, ((q % QUERIES) + 1) * DIMS);
    const unitOf = (key: number) => units[key] ?? null;
    for (const share of [1, 2, 4, 8, 16, 32]) {
      const members = Array.from({ length: Math.ceil(window / share) }, (_, i) => i * share);
      const inCategory = (key: number) => key % share === 0;
      const k = Math.min(nearest * Math.min(8, share) + exclusions, window);
      const scan = (q: number) => scanNearest(members, query(q), nearest, unitOf, () => true);
      const ann = (q: number) => searchRescored(index, query(q), k, unitOf).filter(inCategory).slice(0, nearest);
      let found = 0;
      let wanted = 0;
      for (let q = 0; q < QUERIES; q++) {
        const exact = new Set(scan(q));
        wanted += exact.size;
        for (const key of ann(q)) if (exact.has(key)) found++;
      }
      const row = { window, category: members.length, share, k, scan_ms: timePerCall(scan), ann_ms: timePerCall(ann), ann_recall: round(found / Math.max(1, wanted)) };
      report(row);
      rows.push(row);
    }
  }
  return rows;
}

function timePerCall(fn: (q: number) => unknown, calls = QUERIES): number {
  for (let q = 0; q < 5; q++) fn(q);
  const started = performance.now();
  for (let q = 0; q < calls; q++) fn(q);
  return round((performance.now() - started) / calls);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
