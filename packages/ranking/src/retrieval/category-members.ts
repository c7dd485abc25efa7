import { createDotWith } from '../vector-dots';
import { scanInt8 } from './usearch-index';
import { TopK } from './vector-index';

/** One category's articles with a vector: their keys, and their vectors quantised to i8, one packed row each. */
interface Members {
  keys: number[];
  codes: Int8Array;
}

/**
 * The articles of each category with a vector, kept as articles, vectors and categories change, so a
 * category's nearest articles are found by scanning only that category (a tab, a followed section) instead of
 * searching the whole window's graph deep and filtering. Each vector is held again here as one i8 row per
 * article (512 bytes at 512 dims, a quarter of the f32 vector), packed per category (removal moves the last
 * row into the hole), so the scan is one native SIMD pass (usearch's exact search): ~0.03 µs a vector against
 * ~1 µs for a JavaScript pass over the f32 vectors (`npm run bench -- category-scan`).
 */
export class CategoryMembers {
  private readonly byCategory = new Map<string, Members>();
  /** Row of each key in its category (keys are the index's small dense slot numbers). */
  private readonly rowOf: number[] = [];
  private dims = 0;

  size(category: string): number {
    return this.byCategory.get(category)?.keys.length ?? 0;
  }

  add(category: string, key: number, unit: Float32Array): void {
    this.dims ||= unit.length;
    let m = this.byCategory.get(category);
    if (!m) this.byCategory.set(category, (m = { keys: [], codes: new Int8Array(64 * this.dims) }));
    const row = m.keys.length;
    if ((row + 1) * this.dims > m.codes.length) {
      const grown = new Int8Array(Math.ceil((m.codes.length * 1.5) / this.dims) * this.dims);
      grown.set(m.codes);
      m.codes = grown;
    }
    quantizeInto(unit, m.codes, row * this.dims);
    this.rowOf[key] = row;
    m.keys.push(key);
  }

  remove(category: string, key: number): void {
    const m = this.byCategory.get(category);
    const row = this.rowOf[key];
    if (!m || row === undefined || m.keys[row] !== key) return;
    const last = m.keys.length - 1;
    const lastKey = m.keys.pop()!;
    if (row !== last) {
      m.keys[row] = lastKey;
      m.codes.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
      this.rowOf[lastKey] = row;
    }
    if (!m.keys.length) this.byCategory.delete(category);
  }

  /** Articles with a vector, all categories together. */
  total(): number {
    let n = 0;
    for (const m of this.byCategory.values()) n += m.keys.length;
    return n;
  }

  /**
   * The `k` keys of the categories `inScope` takes whose unit vectors have the largest inner product with
   * `query` among those `accept`s, best first: the i8 scan picks twice as many accepted keys (plus `rejectHint`,
   * the number the caller expects `accept` to turn down) and their f32 vectors decide, so ties at i8 precision
   * cost nothing. Where `accept` turns down more than that, the scan widens (twice as many rows each time).
   */
  nearest(inScope: (category: string) => boolean, query: Float32Array, k: number, unitOf: (key: number) => Float32Array | null, accept: (key: number) => boolean, rejectHint = 0): number[] {
    const scanned = [...this.byCategory].flatMap(([category, m]) => (inScope(category) ? [m] : []));
    const n = scanned.reduce((sum, m) => sum + m.keys.length, 0);
    if (!n || k <= 0 || query.length !== this.dims) return [];
    const q = new Int8Array(this.dims);
    quantizeInto(query, q, 0);
    const dotWith = createDotWith(query);
    for (let count = Math.min(n, 2 * k + rejectHint); ; count = Math.min(n, count * 2)) {
      const top = new TopK(k);
      let accepted = 0;
      for (const key of this.scan(scanned, q, count)) {
        const unit = accept(key) ? unitOf(key) : null;
        const dot = unit && dotWith(unit);
        if (dot === null || dot === undefined) continue;
        top.offer(key, dot);
        accepted++;
      }
      if (accepted >= 2 * k || count === n) return top.sorted();
    }
  }

  /** The `count` keys nearest to `q` at i8 precision across `scanned` (one native pass per category). */
  private scan(scanned: readonly Members[], q: Int8Array, count: number): number[] {
    if (scanned.length === 1) {
      const m = scanned[0]!;
      return scanInt8(m.codes.subarray(0, m.keys.length * this.dims), q, this.dims, count).rows.map((row) => m.keys[row]!);
    }
    // Cosine distances are comparable across categories: the best `count` of each, then of all.
    const top = new TopK(count);
    for (const m of scanned) {
      const { rows, distances } = scanInt8(m.codes.subarray(0, m.keys.length * this.dims), q, this.dims, count);
      rows.forEach((row, i) => top.offer(m.keys[row]!, -distances[i]!));
    }
    return top.sorted();
  }
}

/**
 * Writes `v` as i8, scaled so its largest component is ±127: the scan compares by cosine, which ignores each
 * vector's scale, so every row uses the whole i8 range (a unit vector's components, ~±0.05 at 512 dims, would
 * otherwise round to a handful of levels).
 */
function quantizeInto(v: Float32Array, out: Int8Array, offset: number): void {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const scale = max > 0 ? 127 / max : 0;
  for (let i = 0; i < v.length; i++) out[offset + i] = Math.round(v[i]! * scale);
}
