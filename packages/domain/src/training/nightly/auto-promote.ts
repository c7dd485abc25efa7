/** The held-out metrics the guard compares (MIND's, averaged over impressions). */
export interface GuardMetrics {
  auc: number;
  mrr: number;
  ndcg5: number;
  ndcg10: number;
}

const GUARDED: (keyof GuardMetrics)[] = ['auc', 'mrr', 'ndcg5', 'ndcg10'];

export interface AutoPromoteDecision {
  allowed: boolean;
  /** Why not, one line per metric that got worse (empty when allowed). */
  reasons: string[];
}

/**
 * May a nightly candidate replace the active version without a person? Only when it is not worse than the
 * active version on any held-out metric. Kept apart and pure so that the promotion guard of the learned-ranking
 * work (domain/model-versions, "candidate not worse than active on held-out metrics") can replace it in one
 * place: `runRetrainingSchedule` takes the check as a parameter.
 */
export function canAutoPromote(candidate: GuardMetrics, active: GuardMetrics): AutoPromoteDecision {
  const reasons = GUARDED.filter((k) => !(candidate[k] >= active[k])).map((k) => `${k} ${candidate[k].toFixed(4)} < active ${active[k].toFixed(4)}`);
  return { allowed: reasons.length === 0, reasons };
}
