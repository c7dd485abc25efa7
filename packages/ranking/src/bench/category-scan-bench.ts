import { CategoryMembers } from '../retrieval/category-members';
import { generateClusteredVectors, generateQueries } from '../retrieval/synthetic';
import { UsearchIndex } from '../retrieval/usearch-index';
import { ExactIndex, searchRescored } from '../retrieval/vector-index';

export interface CategoryScanBenchRow {
  window: number;
  /** Articles in the category (every `share`-th of the window). */
  category: number;
  share: number;
  /** What the approximate index is asked for, as `CandidateIndex.retrieve` asks (nearest × share + exclusions). */
  k: number;
  scan_ms: number;
  /** Share of the exact top `nearest` within the category that the scan (i8, then f32 on twice as many) finds. */
  scan_recall: number;
  ann_ms: number;
  /** Share of the exact top `nearest` within the category that the filtered approximate search finds. */
  ann_recall: number;
}

const DIMS = 512;
const QUERIES = 40;

/**
 * The scan of one category's vectors (`CategoryMembers`: its packed i8 rows, then f32 on the best) against the
 * serving index (usearch i8, 2× oversampled and rescored) searched deeper and filtered to the category, per
 * window size and category share: the measurement behind `CandidateIndex`'s cutover (EXACT_SCAN_PER_RESULT,
 * retrieval/budget.ts). Recall of both against an exact search of the category in f32.
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
      // The whole window (share 1) is scanned as serving scans it: every category's rows (8 sections here).
      const packed = new CategoryMembers();
      const exact = new ExactIndex(DIMS);
      for (const key of members) {
        packed.add(share === 1 ? `s${key % 8}` : 'c', key, units[key]!);
        exact.upsert(key, units[key]!);
      }
      const scan = (q: number) => packed.nearest(() => true, query(q), nearest, unitOf, () => true);
      const ann = (q: number) => searchRescored(index, query(q), k, unitOf).filter(inCategory).slice(0, nearest);
      const recall = (search: (q: number) => number[]) => {
        let found = 0;
        for (let q = 0; q < QUERIES; q++) {
          const truth = new Set(exact.search(query(q), nearest));
          found += search(q).filter((key) => truth.has(key)).length;
        }
        return round(found / (QUERIES * Math.min(nearest, members.length)));
      };
      const row = { window, category: members.length, share, k, scan_ms: timePerCall(scan), scan_recall: recall(scan), ann_ms: timePerCall(ann), ann_recall: recall(ann) };
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
