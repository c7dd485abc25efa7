export type RankingObjective = 'lambdarank' | 'ranknet';

/**
 * Pairwise gradients per impression (group): for every clicked i and skipped j, ρ = σ(s_j − s_i) pushes i up
 * and j down. `ranknet` weighs every pair alike (it optimises per-impression AUC); `lambdarank` weighs a pair by
 * the |ΔnDCG| of swapping the two (it optimises the top of the list). Writes the loss gradient (−λ) and hessian.
 */
export function computeLambdas(
  scores: Float64Array,
  labels: Uint8Array,
  groups: Int32Array,
  objective: RankingObjective,
  grad: Float64Array,
  hess: Float64Array,
): void {
  grad.fill(0);
  hess.fill(0);
  for (let g = 0; g + 1 < groups.length; g++) {
    const start = groups[g]!;
    const end = groups[g + 1]!;
    let positives = 0;
    for (let i = start; i < end; i++) positives += labels[i]!;
    if (positives === 0 || positives === end - start) continue;
    let rank: Int32Array | null = null;
    let idcg = 0;
    if (objective === 'lambdarank') {
      const order = Array.from({ length: end - start }, (_, k) => start + k).sort((a, b) => scores[b]! - scores[a]! || a - b);
      rank = new Int32Array(end - start);
      order.forEach((row, r) => (rank![row - start] = r));
      for (let r = 0; r < positives; r++) idcg += 1 / Math.log2(r + 2);
    }
    // Pairs per impression are normalised so a long impression does not outweigh a short one.
    const pairWeight = 1 / (positives * (end - start - positives));
    for (let i = start; i < end; i++) {
      if (!labels[i]) continue;
      for (let j = start; j < end; j++) {
        if (labels[j]) continue;
        const rho = 1 / (1 + Math.exp(scores[i]! - scores[j]!));
        let w = pairWeight;
        if (rank) w = Math.abs(1 / Math.log2(rank[i - start]! + 2) - 1 / Math.log2(rank[j - start]! + 2)) / idcg;
        grad[i]! -= rho * w;
        grad[j]! += rho * w;
        const h = Math.max(rho * (1 - rho) * w, 1e-12);
        hess[i]! += h;
        hess[j]! += h;
      }
    }
  }
}
