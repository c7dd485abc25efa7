import { type CompiledRankingModel } from './ltr/model';

/** A user model maps the vectors of a reader's clicked articles (most recent first) to one user vector. */
export interface UserModel {
  encodeUser(historyVectors: Float32Array[], now: Date): Float32Array;
}

export interface CandidateArticle {
  id: string;
  category: string;
  subcategory?: string | null;
  /** Title and abstract feed the keyword features when present. */
  title?: string;
  abstract?: string;
  /** Named-entity ids (MIND's WikidataIds), parsed once when the pool loads; null/absent: none known. */
  entities?: ReadonlySet<string> | null;
  publishedAt: Date;
  vector?: Float32Array | null;
  /**
   * Time-decayed counts, computed by the caller; `readers`: clicks in the last hour, day and week by distinct
   * readers (the ranking model's popularity windows).
   */
  popularity: { clicks: number; impressions: number; readers?: { hour: number; day: number; week: number } };
  /** boost 1 = neutral; hidden articles never reach ranking. */
  editorial: { pinnedUntil: Date | null; boost: number };
}

export interface HistoryItem {
  articleId: string;
  category: string;
  clickedAt: Date;
  vector?: Float32Array | null;
  subcategory?: string | null;
  /** Title and abstract: the reader's keyword profile. */
  text?: string;
  /** Named-entity ids of the clicked article: the reader's entity set. */
  entities?: ReadonlySet<string> | null;
  publishedAt?: Date;
}

/** A card the reader was shown (an impression) and whether they clicked that article. */
export interface ShownItem {
  articleId: string;
  category: string;
  clicked: boolean;
  vector?: Float32Array | null;
}

export interface NotInterestedItem {
  articleId: string;
  category: string;
  vector?: Float32Array | null;
}

export interface ReaderProfile {
  interests: string[];
  /** Most recent first; at most 50 are used. */
  history: HistoryItem[];
  notInterested: NotInterestedItem[];
  seen: ReadonlySet<string>;
  /** Cards shown to the reader, most recent first (the ranking model's skip features); absent: none known. */
  shown?: readonly ShownItem[];
  /** Mean article vector per category, used for cold start from onboarding interests. */
  categoryCentroids?: ReadonlyMap<string, Float32Array>;
}

export interface RankContext {
  now: Date;
  /** The reader's local hour (0–23); enables time-of-day category affinity. */
  hour?: number;
  /** Category tab filter. */
  category?: string | null;
}

export interface RankingWeights {
  semantic: number;
  freshness: number;
  popularity: number;
  category: number;
}

/** semantic = sigmoid(scale · (user·article) + bias). */
export interface SemanticCalibration {
  scale: number;
  bias: number;
}

export interface RankingConfig {
  freshnessHalfLifeHours: number;
  weights: RankingWeights;
  /** 1 = pure relevance, lower values trade relevance for diversity. */
  mmrLambda: number;
  /** How many of the top items MMR diversifies; the rest of the list follows in relevance order. */
  mmrDepth: number;
  /** Cosine at or above which a candidate counts as a near neighbour of a "not interested" article. */
  notInterestedSimilarity: number;
  limit: number;
  userModel?: UserModel;
  calibration?: SemanticCalibration;
  /**
   * The learned ranking model: with it a candidate's relevance is σ(model score) and `weights` are unused;
   * without one (no model could be loaded) the weighted blend of four signals ranks.
   */
  rankingModel?: CompiledRankingModel;
}

export interface ScoreComponents {
  semantic: number | null;
  freshness: number;
  popularity: number;
  categoryAffinity: number;
  diversityPenalty: number;
  editorialBoost: number;
  pinned: boolean;
  final: number;
}

export interface BecauseItem {
  articleId: string;
  weight: number;
}

/** One feature's share of a ranking-model score (path attribution); positive pushed the story up. */
export interface FeatureContribution {
  feature: string;
  /** The feature's value for this story. */
  value: number;
  contribution: number;
}

export interface RankedItem {
  articleId: string;
  score: number;
  components: ScoreComponents;
  /** Per-feature contributions, largest first, when a ranking model ranked it (computed on first read). */
  contributions: FeatureContribution[];
  /** History items that contributed most to this item (top 3). */
  because: BecauseItem[];
}
