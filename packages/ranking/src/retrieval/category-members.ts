import { createDotWith } from '../vector-dots';
import { TopK } from './vector-index';

/**
 * The keys of each category's articles with a vector, kept as articles, vectors and categories change (an
 * unordered list per category, removal by swapping the last key in), so a category's nearest articles can be
 * found by scanning only that category: the vectors stay where the pool holds them, this costs 8 bytes an article.
 */
export class CategoryMembers {
  private readonly byCategory = new Map<string, number[]>();
  /** Position of each key in its category's list (keys are the index's small dense slot numbers). */
  private readonly slotOf: number[] = [];

  keys(category: string): readonly number[] {
    return this.byCategory.get(category) ?? [];
  }

  add(category: string, key: number): void {
    let keys = this.byCategory.get(category);
    if (!keys) this.byCategory.set(category, (keys = []));
    this.slotOf[key] = keys.length;
    keys.push(key);
  }

  remove(category: string, key: number): void {
    const keys = this.byCategory.get(category);
    const slot = this.slotOf[key];
    if (!keys || slot === undefined || keys[slot] !== key) return;
    const last = keys.pop()!;
    if (last !== key) {
      keys[slot] = last;
      this.slotOf[last] = slot;
    }
    if (!keys.length) this.byCategory.delete(category);
  }
}

/**
 * The `k` keys whose unit vectors have the largest inner product with `query` among those `accept`s, best first
 * (ties by key, as `ExactIndex`): exact, one dot product per accepted key.
 */
export function scanNearest(keys: readonly number[], query: Float32Array, k: number, unitOf: (key: number) => Float32Array | null, accept: (key: number) => boolean): number[] {
  const top = new TopK(k);
  const dotWith = createDotWith(query);
  for (const key of keys) {
    if (!accept(key)) continue;
    const unit = unitOf(key);
    const dot = unit && dotWith(unit);
    if (dot !== null) top.offer(key, dot);
  }
  return top.sorted();
}
