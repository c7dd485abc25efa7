import { type SimArticle } from './corpus';
import { drawDistinct, drawInt, drawNormal, drawWeighted, type Rng } from './prng';
import { type Regime } from './regimes';
import { centroid, dot, type TermVector } from './tfidf';

export interface Topic {
  category: string;
  /** Centroid of the TF-IDF vectors of the articles that formed the taste. */
  centroid: TermVector;
  /** How strongly the reader holds it (0.6–1). */
  weight: number;
}

export interface SimReader {
  /** 1-based; the MIND user id and, in the database, `sim:<id>`. */
  id: number;
  topics: Topic[];
  /** Chance of visiting on a given day. */
  activity: number;
  /** Per-reader shift of click odds: some readers click more than others. */
  clickiness: number;
  /** Articles read before the simulated days (the seeds of the topics), oldest first. */
  seedHistory: number[];
  /** Onboarding interests: topic categories, strongest first. */
  interests: string[];
  /** From `day` on, the reader's main interest is another topic (the `drift` regime): `topics` then. */
  drift?: { day: number; topics: Topic[] };
}

/** The reader's topics on `day` (after a drift, the new ones). */
export function topicsOn(reader: SimReader, day: number | undefined): Topic[] {
  return reader.drift && day !== undefined && day >= reader.drift.day ? reader.drift.topics : reader.topics;
}

/** Inverted index over the articles before the simulated days, for nearest neighbours of a seed article. */
export function buildNeighbourIndex(vectors: readonly TermVector[], upTo: number): Map<number, [number, number][]> {
  const postings = new Map<number, [number, number][]>();
  for (let doc = 0; doc < upTo; doc++) {
    for (const [term, w] of vectors[doc] ?? []) {
      const list = postings.get(term) ?? [];
      list.push([doc, w]);
      postings.set(term, list);
    }
  }
  return postings;
}

function findNeighbours(vector: TermVector, postings: Map<number, [number, number][]>, self: number, k: number): number[] {
  const scores = new Map<number, number>();
  for (const [term, w] of vector) for (const [doc, dw] of postings.get(term) ?? []) scores.set(doc, (scores.get(doc) ?? 0) + w * dw);
  scores.delete(self);
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k).map(([doc]) => doc);
}

/** Anchor articles are drawn from this many articles before the simulated days (about four months here). */
const anchorWindow = 700;

export interface ReaderPool {
  articles: readonly SimArticle[];
  vectors: readonly TermVector[];
  /** Articles [0, before) precede the simulated days. */
  before: number;
  /** The simulated days (a drifting reader's interest changes on one of them). */
  days: readonly number[];
}

/**
 * Readers with 1–3 topics each. A topic starts from a category (flattened popularity, so not everyone reads
 * politics), an anchor article in it, and a few of the anchor's textual neighbours: two readers of the same
 * category can want quite different stories.
 */
export function createReaders(
  rng: Rng,
  pool: ReaderPool,
  count: number,
  regime: Pick<Regime, 'coldShare' | 'activityScale' | 'driftShare'> = { coldShare: 0, activityScale: 1, driftShare: 0 },
): SimReader[] {
  // Anchors come from the last months before the simulated days, so tastes are about stories still running.
  const recentFrom = Math.max(0, pool.before - anchorWindow);
  const byCategory = new Map<string, number[]>();
  for (let i = recentFrom; i < pool.before; i++) {
    const a = pool.articles[i];
    if (!a) continue;
    const members = byCategory.get(a.category) ?? [];
    members.push(i);
    byCategory.set(a.category, members);
  }
  const categories = [...byCategory.keys()].sort();
  const categoryWeights = categories.map((c) => Math.sqrt(byCategory.get(c)?.length ?? 0));
  const postings = buildNeighbourIndex(pool.vectors, pool.before);
  const readers: SimReader[] = [];
  const drawTopic = (seeds: Set<number> | null): Topic => {
    const category = categories[drawWeighted(rng, categoryWeights)] ?? '';
    const members = byCategory.get(category) ?? [];
    const anchor = members[drawInt(rng, 0, members.length - 1)] ?? 0;
    const near = findNeighbours(pool.vectors[anchor] ?? new Map<number, number>(), postings, anchor, 12);
    const liked = [anchor, ...drawDistinct(rng, near.map(() => 1), drawInt(rng, 3, 6)).map((i) => near[i] ?? anchor)];
    for (const i of liked) seeds?.add(i);
    return { category, centroid: centroid(liked.map((i) => pool.vectors[i] ?? new Map<number, number>())), weight: 0.6 + 0.4 * rng() };
  };
  for (let id = 1; id <= count; id++) {
    const topicCount = 1 + drawWeighted(rng, [0.4, 0.4, 0.2]);
    const topics: Topic[] = [];
    const seeds = new Set<number>();
    for (let t = 0; t < topicCount; t++) topics.push(drawTopic(seeds));
    topics.sort((a, b) => b.weight - a.weight);
    const activity = (0.1 + 0.8 * rng() ** 1.5) * regime.activityScale;
    const clickiness = 0.3 * drawNormal(rng);
    // Drawn after the original draws, so with coldShare 0 the readers are exactly the original ones.
    const cold = regime.coldShare > 0 && rng() < regime.coldShare;
    // Likewise (no draw with driftShare 0): the strongest topic gives way to a new one, at full strength, on a day after the first.
    const drifts = regime.driftShare > 0 && pool.days.length > 1 && rng() < regime.driftShare;
    const drift = drifts ? { day: pool.days[drawInt(rng, 1, pool.days.length - 1)]!, topics: [{ ...drawTopic(null), weight: 1 }, ...topics.slice(1)] } : undefined;
    readers.push({
      id,
      topics,
      activity,
      clickiness,
      seedHistory: cold ? [] : [...seeds].sort((a, b) => a - b),
      interests: [...new Set(topics.map((t) => t.category))],
      ...(drift ? { drift } : {}),
    });
  }
  return readers;
}

/** A category match is worth about as much as a close textual match (cosine ~0.1): both shape clicks. */
export const categoryBonus = 0.08;

/** Text similarity to the closest topic (of those held on `day`), plus a bonus for its category, scaled by how much the reader cares. */
export function computeAffinity(reader: SimReader, article: SimArticle, vector: TermVector, weights = { text: 1, category: 1 }, day?: number): number {
  let best = 0;
  for (const t of topicsOn(reader, day)) {
    const score = t.weight * (weights.text * dot(t.centroid, vector) + (t.category === article.category ? weights.category * categoryBonus : 0));
    if (score > best) best = score;
  }
  return best;
}
