/** A user model maps the vectors of a reader's clicked articles (most recent first) to one user vector. */
export interface UserModel {
  encodeUser(historyVectors: Float32Array[], now: Date): Float32Array;
}

export interface CandidateArticle {
  id: string;
  category: string;
  publishedAt: Date;
  vector?: Float32Array | null;
  /** Time-decayed counts, computed by the caller. */
  popularity: { clicks: number; impressions: number };
  /** boost 1 = neutral; hidden articles never reach ranking. */
  editorial: { pinnedUntil: Date | null; boost: number };
}

export interface HistoryItem {
  articleId: string;
  category: string;
  clickedAt: Date;
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

export interface RankedItem {
  articleId: string;
  score: number;
  components: ScoreComponents;
  /** History items that contributed most to this item (top 3). */
  because: BecauseItem[];
}
