import { type FeatureArticle } from '../features/compute';
import { countTerms, TermStats } from '../features/terms';
import type { PreparedCandidates } from '../scoring/prepared';
import type { CandidateArticle } from '../types';
import { CategoryMembers } from './category-members';
import { CategorySums, RankedLists } from './ranked-lists';
import { searchRescored, type VectorIndex } from './vector-index';
import { defaultRetrievalBudget, type RetrievalBudget } from './budget';

export interface RetrievalQuery {
  /** Unit user vector; null for a reader with nothing to go on (fresh and popular only). */
  userVector: Float32Array | null;
  /** The category tab: only its articles. */
  category?: string | null;
  /** Categories the reader follows. */
  followed?: readonly string[];
  /** Articles the request must not return (seen, clicked, muted, already served). */
  exclude?: ReadonlySet<string>;
  /** Categories the request must not return (sections the reader hid from "For you"). */
  excludeCategories?: readonly string[];
  now: Date;
}

/** The candidates of one request, prepared for ranking; `exhausted` when they are every eligible article. */
export interface Retrieved<T extends CandidateArticle> extends PreparedCandidates<T> {
  readonly exhausted: boolean;
}

interface Entry<T> {
  key: number;
  item: T;
  /** item.vector when it has the index's dimensions (vectors arrive unit-length from the pool). */
  unit: Float32Array | null;
  /**
   * What the ranking model's features need of it, weighed with the window's term statistics of `featuresOf`
   * (built when first retrieved; the term counts are not kept per article: ~0.5 KB each at 1M articles).
   */
  features?: FeatureArticle;
  featuresOf?: number;
}

/**
 * The freshness window held for retrieval: every article, an approximate nearest-neighbour index over their
 * vectors, and the popular/fresh lists per category. Updated one article at a time as articles, vectors and
 * counts change, so a refresh costs what changed plus one pass for the ranked lists; a request costs one
 * index search and list scans bounded by the budget, never the window.
 */
export class CandidateIndex<T extends CandidateArticle> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly byKey: (Entry<T> | undefined)[] = [];
  private readonly freeKeys: number[] = [];
  private readonly pinned = new Set<string>();
  private vectors: VectorIndex | null = null;
  private sums = new CategorySums();
  private readonly members = new CategoryMembers();
  private lists: RankedLists<T, Entry<T>> | null = null;
  /** Document frequencies over the whole window: the ranking model's keyword features weigh terms with them. */
  private readonly terms = new TermStats();
  /** Bumped when `terms` changes: cached feature articles made before are re-weighed on next use. */
  private termsVersion = 0;

  constructor(
    private readonly createIndex: (dims: number) => VectorIndex,
    private readonly budget: RetrievalBudget = defaultRetrievalBudget,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): T | undefined {
    return this.entries.get(id)?.item;
  }

  /** Every article in the window (one array per change; for the few callers that need them all). */
  items(): readonly T[] {
    return this.ranked().all;
  }

  categoryCounts(): ReadonlyMap<string, number> {
    return this.ranked().counts;
  }

  /** Adds an article or replaces it (new counts, editorial fields or vector). */
  upsert(item: T): void {
    this.upsertMany([item]);
  }

  /** Adds or replaces many articles; their new vectors go into the index in one call (multithreaded in usearch). */
  upsertMany(items: readonly T[]): void {
    const added: { key: number; unit: Float32Array }[] = [];
    for (const item of items) {
      const prev = this.entries.get(item.id);
      const key = prev?.key ?? this.freeKeys.pop() ?? this.byKey.length;
      const unit = this.unitOf(item.vector);
      if (prev && prev.unit !== unit) this.dropVector(prev);
      const sameText = prev && prev.item.title === item.title && prev.item.abstract === item.abstract;
      if (!sameText) {
        if (prev) this.terms.remove(termsOf(prev.item).keys());
        this.terms.add(termsOf(item).keys());
        this.termsVersion++;
      }
      if (unit && prev?.unit !== unit) {
        added.push({ key, unit });
        this.placeVector(item.category, key, unit, 1);
      } else if (unit && prev && prev.item.category !== item.category) {
        this.placeVector(prev.item.category, key, unit, -1);
        this.placeVector(item.category, key, unit, 1);
      }
      // The feature article depends on the category, dates, vector, text and entities, not on popularity: kept
      // across a popularity change (the commonest), rebuilt after any other.
      const keep =
        sameText && prev.unit === unit && prev.item.category === item.category && prev.item.subcategory === item.subcategory &&
        prev.item.publishedAt === item.publishedAt && prev.item.entities === item.entities;
      const entry: Entry<T> = { key, item, unit, ...(keep ? { features: prev.features, featuresOf: prev.featuresOf } : {}) };
      this.entries.set(item.id, entry);
      this.byKey[key] = entry;
      if (item.editorial.pinnedUntil) this.pinned.add(item.id);
      else this.pinned.delete(item.id);
    }
    if (this.vectors) this.addToIndex(this.vectors, added);
    else if (added.length && this.members.total() > this.budget.scanWholeUpTo) {
      // The window outgrew the scan: the approximate index is built once, from every vector, and kept up to date.
      this.vectors = this.createIndex(added[0]!.unit.length);
      this.addToIndex(this.vectors, [...this.entries.values()].flatMap((e) => (e.unit ? [{ key: e.key, unit: e.unit }] : [])));
    }
    this.lists = null;
  }

  private addToIndex(index: VectorIndex, added: readonly { key: number; unit: Float32Array }[]): void {
    if (added.length > 1 && index.addMany) index.addMany(added.map((a) => a.key), added.map((a) => a.unit));
    else for (const a of added) index.upsert(a.key, a.unit);
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.dropVector(entry);
    this.terms.remove(termsOf(entry.item).keys());
    this.termsVersion++;
    this.entries.delete(id);
    this.byKey[entry.key] = undefined;
    this.freeKeys.push(entry.key);
    this.pinned.delete(id);
    this.lists = null;
  }

  /** Removes the articles published before `since` (they left the window); returns their ids. */
  expireBefore(since: Date): string[] {
    const expired: string[] = [];
    for (const [id, e] of this.entries) if (e.item.publishedAt < since) expired.push(id);
    for (const id of expired) this.remove(id);
    return expired;
  }

  /** Mean unit vector per category (running sums, so no pass over the window). */
  centroids(): ReadonlyMap<string, Float32Array> {
    return this.sums.centroids();
  }

  /** The popularity-weighted mean direction of the most popular articles: the cold-start pull toward the crowd. */
  popularityDirection(): Float32Array | null {
    return this.ranked().popularityDirection();
  }

  /** Builds the ranked lists now (after a refresh) rather than in the first request that needs them. */
  settle(): void {
    this.ranked();
  }

  retrieve(query: RetrievalQuery): Retrieved<T> {
    const exclude = query.exclude ?? new Set<string>();
    const category = query.category ?? null;
    const hidden = query.excludeCategories ?? [];
    const eligible = (e: Entry<T>) =>
      !exclude.has(e.item.id) && (!category || e.item.category === category) && (!hidden.length || !hidden.includes(e.item.category));
    const chosen = new Map<string, Entry<T>>();
    if (this.entries.size <= this.budget.wholeUpTo) {
      for (const e of this.entries.values()) if (eligible(e)) chosen.set(e.item.id, e);
      return this.prepare(chosen, true);
    }
    for (const id of this.pinned) {
      const e = this.entries.get(id)!;
      if (e.item.editorial.pinnedUntil! > query.now && eligible(e)) chosen.set(id, e);
    }
    const takeFrom = (entries: Iterable<Entry<T> | undefined>, n: number) => {
      let taken = 0;
      for (const e of entries) {
        if (taken >= n) return;
        if (e && eligible(e) && !chosen.has(e.item.id)) {
          chosen.set(e.item.id, e);
          taken++;
        }
      }
    };
    if (query.userVector) {
      const unitOf = (key: number) => this.byKey[key]?.unit ?? null;
      // A category keeps about 1 in (window / category size) of the neighbours: search that much deeper.
      const share = category ? Math.min(8, Math.ceil(this.entries.size / Math.max(1, this.ranked().counts.get(category) ?? 0))) : 1;
      // Excluded articles crowd the nearest (a reader's seen stories are near them), up to one budget's worth.
      const rejectHint = Math.min(exclude.size, this.budget.nearest);
      const k = this.budget.nearest * share + rejectHint;
      const accept = (key: number) => {
        const e = this.byKey[key]!;
        return eligible(e) && !chosen.has(e.item.id);
      };
      // The index exists only for a window past `scanWholeUpTo`; then a category is scanned when that is cheaper.
      const search = this.vectors && !(category && this.members.size(category) <= k * this.budget.exactScanPerResult) ? this.vectors : null;
      const inScope = (c: string) => (category ? c === category : !hidden.includes(c));
      const keys = search
        ? searchRescored(search, query.userVector, Math.min(k, search.size()), unitOf)
        : this.members.nearest(inScope, query.userVector, this.budget.nearest, unitOf, accept, rejectHint);
      takeFrom(keys.map((key) => this.byKey[key]), this.budget.nearest);
    }
    const lists = this.ranked();
    takeFrom(lists.popular(category), this.budget.popular);
    takeFrom(lists.fresh(category), this.budget.fresh);
    for (const followed of query.followed ?? []) {
      if (!category || followed === category) takeFrom(lists.fresh(followed), this.budget.perFollowed);
    }
    return this.prepare(chosen, false);
  }

  private prepare(chosen: Map<string, Entry<T>>, exhausted: boolean): Retrieved<T> {
    const entries = [...chosen.values()];
    let features: { articles: FeatureArticle[]; terms: TermStats } | undefined;
    return {
      items: entries.map((e) => e.item),
      units: entries.map((e) => e.unit),
      exhausted,
      popularityDirection: () => this.popularityDirection(),
      // Weighed with the window's term statistics (not the few hundred retrieved): the same IDF whichever
      // candidates a request retrieved, and computed once per article per change of the window's texts.
      featureArticles: () => (features ??= { articles: entries.map((e) => this.featureArticle(e)), terms: this.terms }),
    };
  }

  private featureArticle(e: Entry<T>): FeatureArticle {
    if (e.features && e.featuresOf === this.termsVersion) return e.features;
    const tf = termsOf(e.item);
    e.features = {
      id: e.item.id,
      category: e.item.category,
      subcategory: e.item.subcategory ?? null,
      publishedAt: e.item.publishedAt,
      unit: e.unit,
      terms: tf.size ? this.terms.weigh(tf) : null,
      entities: e.item.entities ?? null,
    };
    e.featuresOf = this.termsVersion;
    return e.features;
  }

  private ranked(): RankedLists<T, Entry<T>> {
    this.lists ??= new RankedLists<T, Entry<T>>([...this.entries.values()], this.budget);
    return this.lists;
  }

  private unitOf(vector: Float32Array | null | undefined): Float32Array | null {
    if (!vector?.length) return null;
    return !this.vectors || this.vectors.dimensions === vector.length ? vector : null;
  }

  private dropVector(entry: Entry<T>) {
    if (!entry.unit) return;
    this.vectors?.remove(entry.key);
    this.placeVector(entry.item.category, entry.key, entry.unit, -1);
  }

  /** A vector enters (1) or leaves (-1) its category: the running sums and the members an exact scan reads. */
  private placeVector(category: string, key: number, unit: Float32Array, sign: 1 | -1) {
    this.sums.add(category, unit, sign);
    if (sign > 0) this.members.add(category, key, unit);
    else this.members.remove(category, key);
  }
}

/** Raw term weights of an article's title and abstract, as the ranking model's keyword features count them. */
function termsOf(item: CandidateArticle): Map<string, number> {
  return countTerms(`${item.title ?? ''} ${item.abstract ?? ''}`);
}
