import { createDotSet, type DotSet } from '../vector-dots';
import { normalizeVector } from '../vector-math';
import { featureNames, MISSING } from './names';
import { buildKeywordProfile, computeTermCosine, type TermVector } from './terms';

const HOUR_MS = 3_600_000;
/** Recent clicks compared one by one with each candidate (max similarity): the hot loop, 10 × 512 per candidate. */
export const RECENT_CLICKS = 10;
/**
 * The latest clicks that make the reader's short-term interest (keyword profile and category shares of these
 * alone, beside those of the whole history): readers move on, and what they read lately says more then.
 */
export const SHORT_TERM_CLICKS = 5;

/** What a feature needs of an article. */
export interface FeatureArticle {
  id: string;
  category: string;
  subcategory?: string | null;
  /** Null when the log never dated it. */
  publishedAt: Date | null;
  /** Unit-length vector, or null. */
  unit: Float32Array | null;
  terms: TermVector | null;
  /** Named-entity ids (MIND's WikidataIds), or null/absent when the data has none. */
  entities?: ReadonlySet<string> | null;
}

/** Popularity as known when the impression was served. */
export interface PopularityFacts {
  /** Time-decayed clicks and impressions (the candidate pool's counts). */
  clicks: number;
  impressions: number;
  /** Clicks in the last hour, day and week, each reader counted once. */
  readers?: { hour: number; day: number; week: number };
}

export interface HistoryFact {
  article: FeatureArticle;
  clickedAt: Date;
}

/**
 * A card the reader was shown before (an impression), and whether they clicked it: what they passed over is
 * evidence too. Most recent first.
 */
export interface ShownFact {
  articleId: string;
  category: string;
  /** Unit-length vector, or null. */
  unit: Float32Array | null;
  clicked: boolean;
}

/** Impressions the features read per reader (the latest), and skipped vectors averaged of them. */
export const SHOWN_LIMIT = 300;
const SKIPPED_VECTORS = 50;
/** Pseudo-impressions pulling a section's click rate toward the reader's own: 2 clicks in 3 cards is not a habit. */
const SECTION_PRIOR = 5;

/** Everything about the reader that does not depend on the candidate, computed once per request. */
export interface ReaderFacts {
  /** Unit length, or null (no vector, or a zero one). */
  userVector: Float32Array | null;
  recentUnits: Float32Array[];
  meanUnit: Float32Array | null;
  /**
   * userVector, meanUnit, the skipped cards' mean and recentUnits in that order, for their dots with each
   * candidate in one pass (`dots`: the scratch row they are written to, reused like `clickedTerms.sums`).
   */
  similarities: { set: DotSet; dots: Float64Array };
  profile: TermVector | null;
  /** The keyword profile of the latest `SHORT_TERM_CLICKS` clicks only. */
  recentProfile: TermVector | null;
  /**
   * The clicked articles' term vectors inverted (term → click, weight): the closest click to a candidate is a
   * feature (a reader has several topics), found from the candidate's own terms only. `sums` is the per-click
   * scratch row reused for every candidate (features are written synchronously, one candidate at a time).
   */
  clickedTerms: { postings: Map<string, { click: number; weight: number }[]>; clicks: number; sums: Float64Array };
  categoryShare: Map<string, number>;
  subcategoryShare: Map<string, number>;
  /** Category shares of the latest `SHORT_TERM_CLICKS` clicks. */
  recentCategoryShare: Map<string, number>;
  interests: ReadonlySet<string>;
  /** Every entity id of the clicked articles; empty when none had any. */
  entities: ReadonlySet<string>;
  historyLength: number;
  /** ln(1 + median age in hours of what they clicked, when they clicked it); MISSING without dated clicks. */
  recencyPreference: number;
  /** From the cards they were shown; null when none is known. */
  shown: {
    /** Times each article was shown without a click. */
    skips: Map<string, number>;
    /** ln(section click rate / the reader's click rate), smoothed; sections never shown are 0. */
    sectionLift: Map<string, number>;
  } | null;
}

/** `history` and `shown` most recent first. */
export function buildReaderFacts(
  history: readonly HistoryFact[],
  interests: readonly string[],
  userVector: Float32Array | null,
  shown: readonly ShownFact[] = [],
): ReaderFacts {
  const units = history.flatMap((h) => (h.article.unit ? [h.article.unit] : []));
  const recentUnits = units.slice(0, RECENT_CLICKS);
  const meanUnit = meanOfUnits(units);
  const recentShown = shown.slice(0, SHOWN_LIMIT);
  const skippedUnit = meanOfUnits(recentShown.flatMap((s) => (!s.clicked && s.unit ? [s.unit] : [])).slice(0, SKIPPED_VECTORS));
  const recent = history.slice(0, SHORT_TERM_CLICKS);
  const termsOf = (facts: readonly HistoryFact[]) => facts.flatMap((h) => (h.article.terms ? [h.article.terms] : []));
  const share = (key: (h: HistoryFact) => string | null | undefined, facts = history) => {
    const counts = new Map<string, number>();
    let n = 0;
    for (const h of facts) {
      const k = key(h);
      if (!k) continue;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      n++;
    }
    for (const [k, c] of counts) counts.set(k, c / n);
    return counts;
  };
  const ages = history
    .flatMap((h) => (h.article.publishedAt ? [Math.max(0, h.clickedAt.getTime() - h.article.publishedAt.getTime()) / HOUR_MS] : []))
    .sort((a, b) => a - b);
  // Cosine, not dot: user models differ in scale (the model serving uses and the cross-fitted ones its
  // ranking model trained with), and an empty history's zero vector means "no user vector", not "orthogonal".
  const userUnit = userVector ? normalizeVector(userVector) : null;
  const compared = [userUnit, meanUnit, skippedUnit, ...recentUnits];
  return {
    userVector: userUnit,
    recentUnits,
    meanUnit,
    similarities: { set: createDotSet(compared), dots: new Float64Array(compared.length) },
    profile: buildKeywordProfile(termsOf(history)),
    recentProfile: buildKeywordProfile(termsOf(recent)),
    clickedTerms: invertTerms(history.flatMap((h) => (h.article.terms?.size ? [h.article.terms] : []))),
    categoryShare: share((h) => h.article.category),
    subcategoryShare: share((h) => h.article.subcategory),
    recentCategoryShare: share((h) => h.article.category, recent),
    interests: new Set(interests),
    entities: new Set(history.flatMap((h) => (h.article.entities ? [...h.article.entities] : []))),
    historyLength: history.length,
    recencyPreference: ages.length ? Math.log1p(ages[ages.length >> 1]!) : MISSING,
    shown: recentShown.length ? summarizeShown(recentShown) : null,
  };
}

function meanOfUnits(units: readonly Float32Array[]): Float32Array | null {
  if (!units.length) return null;
  const sum = new Float32Array(units[0]!.length);
  for (const u of units) for (let i = 0; i < sum.length; i++) sum[i]! += u[i]!;
  return normalizeVector(sum);
}

function summarizeShown(shown: readonly ShownFact[]): NonNullable<ReaderFacts['shown']> {
  const skips = new Map<string, number>();
  const sections = new Map<string, { shown: number; clicked: number }>();
  let clicked = 0;
  for (const s of shown) {
    if (s.clicked) clicked++;
    else skips.set(s.articleId, (skips.get(s.articleId) ?? 0) + 1);
    const section = sections.get(s.category) ?? { shown: 0, clicked: 0 };
    section.shown++;
    if (s.clicked) section.clicked++;
    sections.set(s.category, section);
  }
  // Smoothed toward 1 click in 10 cards, then each section toward the reader's rate.
  const rate = (clicked + 1) / (shown.length + 10);
  const sectionLift = new Map<string, number>();
  for (const [category, c] of sections) sectionLift.set(category, Math.log((c.clicked + SECTION_PRIOR * rate) / (c.shown + SECTION_PRIOR) / rate));
  return { skips, sectionLift };
}

export interface FeatureContext {
  now: Date;
  /** 0–23 */
  hour: number;
  /** 0–6, Sunday 0 */
  weekday: number;
  position: number;
}

export const featureCount = featureNames.length;

/** Writes the candidate's features into `out` at `offset` (order: featureNames). */
export function writeFeatures(
  reader: ReaderFacts,
  article: FeatureArticle,
  popularity: PopularityFacts,
  context: FeatureContext,
  out: Float32Array | Float64Array,
  offset = 0,
): void {
  const u = article.unit;
  let semantic = MISSING;
  let maxSimilarity = MISSING;
  let meanSimilarity = MISSING;
  let skippedSimilarity = MISSING;
  if (u) {
    // NaN where computeDot would be null (no vector, another length): the feature stays MISSING.
    const { set, dots } = reader.similarities;
    set.dotsWith(u, dots);
    if (!Number.isNaN(dots[0])) semantic = dots[0]!;
    if (!Number.isNaN(dots[1])) meanSimilarity = dots[1]!;
    if (!Number.isNaN(dots[2])) skippedSimilarity = dots[2]!;
    for (let j = 3; j < dots.length; j++) if (dots[j]! > maxSimilarity) maxSimilarity = dots[j]!;
  }
  const keyword = reader.profile && article.terms ? computeTermCosine(reader.profile, article.terms) : MISSING;
  const recentKeyword = reader.recentProfile && article.terms ? computeTermCosine(reader.recentProfile, article.terms) : MISSING;
  const keywordMax = article.terms && reader.clickedTerms.clicks ? computeClosestClick(reader.clickedTerms, article.terms) : MISSING;
  const ageHours = article.publishedAt ? Math.log1p(Math.max(0, context.now.getTime() - article.publishedAt.getTime()) / HOUR_MS) : MISSING;
  const clicks = Math.max(0, popularity.clicks);
  const impressions = Math.max(0, popularity.impressions);
  const readers = popularity.readers;
  let i = offset;
  out[i++] = semantic;
  out[i++] = maxSimilarity;
  out[i++] = meanSimilarity;
  out[i++] = keyword;
  out[i++] = keywordMax;
  out[i++] = recentKeyword;
  out[i++] = computeEntityOverlap(reader.entities, article.entities);
  out[i++] = reader.categoryShare.get(article.category) ?? 0;
  out[i++] = article.subcategory ? (reader.subcategoryShare.get(article.subcategory) ?? 0) : MISSING;
  out[i++] = reader.recentCategoryShare.get(article.category) ?? 0;
  out[i++] = reader.interests.size ? (reader.interests.has(article.category) ? 1 : 0) : MISSING;
  out[i++] = reader.shown ? Math.log1p(reader.shown.skips.get(article.id) ?? 0) : MISSING;
  out[i++] = reader.shown ? (reader.shown.sectionLift.get(article.category) ?? 0) : MISSING;
  out[i++] = skippedSimilarity;
  // Smoothed toward 1 click in 20 impressions, so 1 in 2 does not beat 300 in 3 000.
  out[i++] = (clicks + 1) / (impressions + 20);
  out[i++] = Math.log1p(clicks);
  out[i++] = readers ? Math.log1p(readers.hour) : MISSING;
  out[i++] = readers ? Math.log1p(readers.day) : MISSING;
  out[i++] = readers ? Math.log1p(readers.week) : MISSING;
  out[i++] = ageHours;
  out[i++] = Math.log1p(reader.historyLength);
  out[i++] = reader.recencyPreference;
  out[i++] = ageHours === MISSING || reader.recencyPreference === MISSING ? MISSING : ageHours - reader.recencyPreference;
  out[i++] = context.hour;
  out[i++] = context.weekday;
  out[i++] = context.position;
}

/** Share of the candidate's entities that the reader's clicks named; MISSING when either side has none. */
function computeEntityOverlap(seen: ReadonlySet<string>, entities: ReadonlySet<string> | null | undefined): number {
  if (!entities?.size || !seen.size) return MISSING;
  let n = 0;
  for (const e of entities) if (seen.has(e)) n++;
  return n / entities.size;
}

function invertTerms(vectors: readonly TermVector[]): ReaderFacts['clickedTerms'] {
  const postings = new Map<string, { click: number; weight: number }[]>();
  vectors.forEach((v, click) => {
    for (const [term, weight] of v) {
      const list = postings.get(term);
      if (list) list.push({ click, weight });
      else postings.set(term, [{ click, weight }]);
    }
  });
  return { postings, clicks: vectors.length, sums: new Float64Array(vectors.length) };
}

/** Largest cosine between the candidate's terms and one clicked article's (both unit TF-IDF vectors). */
function computeClosestClick(index: ReaderFacts['clickedTerms'], terms: TermVector): number {
  const sums = index.sums.fill(0);
  // forEach and indexed loops: no [term, weight] array per term, no iterators (a call per candidate).
  terms.forEach((w, term) => {
    const list = index.postings.get(term);
    if (list) for (let k = 0; k < list.length; k++) sums[list[k]!.click]! += w * list[k]!.weight;
  });
  let max = 0;
  for (let k = 0; k < sums.length; k++) if (sums[k]! > max) max = sums[k]!;
  return max;
}
