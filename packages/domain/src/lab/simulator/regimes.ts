/**
 * Click models that pull in different directions, so a ranking tuned to one view of readers shows it. Each
 * regime changes what drives a click; the intercept is then calibrated to the same click-through rate.
 * `mixed` is the simulator's original behaviour.
 */
export interface Regime {
  /** Click odds per unit of topic affinity. */
  affinityScale: number;
  /** Weight of the text match inside the affinity (1 = original). */
  textWeight: number;
  /** Weight of the category match inside the affinity (1 = original bonus). */
  categoryWeight: number;
  /** Standard deviation of the per-article appeal (click odds every reader shares). */
  appealSd: number;
  /** Click odds per ln(1 + clicks the article already has): herding. */
  popularityWeight: number;
  /** Click odds lost per day of article age. */
  agePenaltyPerDay: number;
  /** Share of readers with no reading history before the simulated days. */
  coldShare: number;
  /** Multiplies each reader's daily visit probability. */
  activityScale: number;
  /** Share of readers whose main interest changes to another topic on one of the simulated days. */
  driftShare: number;
}

const base: Regime = {
  affinityScale: 40,
  textWeight: 1,
  categoryWeight: 1,
  appealSd: 0.3,
  popularityWeight: 0,
  agePenaltyPerDay: 0,
  coldShare: 0,
  activityScale: 1,
  driftShare: 0,
};

export const regimes = {
  mixed: base,
  /** Readers click what others clicked. */
  popularity: { ...base, affinityScale: 20, popularityWeight: 0.3 },
  /** Yesterday's news is dead. */
  freshness: { ...base, affinityScale: 25, agePenaltyPerDay: 0.9 },
  /** Readers follow sections, not stories. */
  'broad-topics': { ...base, textWeight: 0.2, categoryWeight: 3 },
  /** Readers follow particular stories and names: text, not section. */
  keyword: { ...base, textWeight: 1.6, categoryWeight: 0 },
  /** Most readers arrive with no history and visit rarely. */
  'cold-start': { ...base, coldShare: 0.7, activityScale: 0.6 },
  /** Some stories are clicked by everyone; taste matters less. */
  appeal: { ...base, affinityScale: 15, appealSd: 1.2 },
  /** Most readers' main interest moves on during the days: recent clicks say more than old ones. */
  drift: { ...base, driftShare: 0.7 },
} satisfies Record<string, Regime>;

export type RegimeName = keyof typeof regimes;
export const regimeNames = Object.keys(regimes) as RegimeName[];
