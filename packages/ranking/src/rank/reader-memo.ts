import { buildReaderFacts, type HistoryFact, type ReaderFacts, SHOWN_LIMIT, type ShownFact } from '../features/compute';
import { countTerms, type TermStats } from '../features/terms';
import { computeCategoryAffinity, type ScoredCandidate } from '../scoring/score';
import { buildUserVector, type UserVector, type UserVectorOptions } from '../scoring/user-vector';
import { type HistoryItem, type ReaderProfile, type ShownItem } from '../types';
import { normalizeVectorOnce } from '../vector-math';

/** Profile history beyond this is ignored, as the user vector ignores it. */
export const MAX_HISTORY = 50;

/** A candidate's scores under one reader, request and configuration: the same whichever candidate set holds it. */
export type MemoScore = Omit<ScoredCandidate, 'candidate' | 'unit' | 'index'>;

/**
 * What the rankings and retrievals of one reader within one request share (the feed ranks "For you", then each
 * followed section alone, each after a retrieval): the user vector, category affinity, the ranking model's
 * reader facts and every candidate's scores are computed once, not once per ranking. All of it is a pure
 * function of (profile, now, hour) and of the inputs it is keyed on, so the rankings come out as computed
 * apart. A memo is valid for one profile object and one instant; rankings given another ignore it.
 */
export class ReaderMemo {
  private vectors: { options: UserVectorOptions; vector: UserVector }[] = [];
  private affinityValue: Map<string, number> | undefined;
  private factsValue: { terms: TermStats; interests: readonly string[]; userVector: Float32Array | null; facts: ReaderFacts } | undefined;
  private readonly scoreMemos = new Map<string, Map<string, MemoScore>>();
  readonly history: HistoryItem[];

  constructor(
    readonly profile: ReaderProfile,
    readonly now: Date,
    readonly hour: number | undefined,
  ) {
    this.history = profile.history.slice(0, MAX_HISTORY);
  }

  /** Whether rankings of `profile` at `context` may use this memo. */
  serves(profile: ReaderProfile, context: { now: Date; hour?: number }): boolean {
    return profile === this.profile && context.now.getTime() === this.now.getTime() && context.hour === this.hour;
  }

  /** `buildUserVector` of the profile (history cut to MAX_HISTORY), once per user model and popularity direction. */
  userVector(options: Pick<UserVectorOptions, 'userModel' | 'popularityDirection'>): UserVector {
    const hit = this.vectors.find((v) => v.options.userModel === options.userModel && (v.options.popularityDirection ?? null) === (options.popularityDirection ?? null));
    if (hit) return hit.vector;
    const vector = buildUserVector({ ...this.profile, history: this.history }, this.now, options);
    this.vectors.push({ options, vector });
    return vector;
  }

  affinity(): Map<string, number> {
    return (this.affinityValue ??= computeCategoryAffinity({ ...this.profile, history: this.history }, { now: this.now, hour: this.hour }));
  }

  /** The ranking model's reader facts, weighed with `terms` (the window's term statistics). */
  facts(terms: TermStats, interests: readonly string[], userVector: Float32Array | null): ReaderFacts {
    const f = this.factsValue;
    if (f && f.terms === terms && f.interests === interests && f.userVector === userVector) return f.facts;
    const facts = buildReaderFacts(buildHistoryFacts(this.history, terms), interests, userVector, buildShownFacts(this.profile.shown ?? []));
    this.factsValue = { terms, interests, userVector, facts };
    return facts;
  }

  /** Scores by candidate id under one configuration (`key`: what else the scores depend on). */
  scores(key: string): Map<string, MemoScore> {
    let memo = this.scoreMemos.get(key);
    if (!memo) this.scoreMemos.set(key, (memo = new Map<string, MemoScore>()));
    return memo;
  }
}

const historyTerms = new WeakMap<HistoryItem, Map<string, number> | null>();

/**
 * The clicked articles as the ranking model's features see them. A history item's raw term counts are counted once
 * per item object: a click adds one item to a cached profile and keeps the others, so only the new one is counted.
 */
export function buildHistoryFacts(history: readonly HistoryItem[], terms: TermStats): HistoryFact[] {
  return history.map((h) => {
    let tf = historyTerms.get(h);
    if (tf === undefined) historyTerms.set(h, (tf = h.text ? countTerms(h.text) : null));
    return {
      clickedAt: h.clickedAt,
      article: {
        id: h.articleId,
        category: h.category,
        subcategory: h.subcategory ?? null,
        publishedAt: h.publishedAt ?? null,
        unit: h.vector ? normalizeVectorOnce(h.vector) : null,
        terms: tf?.size ? terms.weigh(tf) : null,
        entities: h.entities ?? null,
      },
    };
  });
}

/** The cards the reader was shown, as the ranking model's features see them. */
function buildShownFacts(shown: readonly ShownItem[]): ShownFact[] {
  return shown.slice(0, SHOWN_LIMIT).map((s) => ({
    articleId: s.articleId,
    category: s.category,
    unit: s.vector ? normalizeVectorOnce(s.vector) : null,
    clicked: s.clicked,
  }));
}
