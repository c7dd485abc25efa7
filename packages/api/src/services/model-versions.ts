import crypto from 'node:crypto';

import { type Db } from '@lede/db';
import type { RankingConfig } from '@lede/ranking';

/** Serves with the heuristic ranking when no model version has been promoted yet. */
export const BASELINE_VERSION = 'baseline';

interface Arm {
  id: string;
  share: number;
}

/**
 * Which model version serves a reader. Active versions split traffic by their shares; a reader always lands
 * in the same arm (hash of the reader id), so an A/B split is stable across requests. Re-read every few
 * seconds, so a promotion or roll-back takes effect without a restart.
 */
export class ModelRouter {
  private arms: Arm[] = [];
  private loadedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  async versionFor(readerId: string): Promise<string> {
    if (Date.now() - this.loadedAt > this.ttlMs) {
      const rows = await this.db.modelVersion.findMany({
        where: { status: 'ACTIVE', trafficShare: { gt: 0 } },
        orderBy: { id: 'asc' },
        select: { id: true, trafficShare: true },
      });
      this.arms = rows.map((r) => ({ id: r.id, share: r.trafficShare }));
      this.loadedAt = Date.now();
    }
    return pickArm(this.arms, readerId);
  }
}

export function pickArm(arms: Arm[], readerId: string): string {
  const total = arms.reduce((s, a) => s + a.share, 0);
  if (!arms.length || total <= 0) return BASELINE_VERSION;
  const h = crypto.createHash('sha256').update(readerId).digest().readUInt32BE(0) / 2 ** 32;
  let acc = 0;
  for (const arm of arms) {
    acc += arm.share / total;
    if (h < acc) return arm.id;
  }
  return arms[arms.length - 1]!.id;
}

/**
 * What a model version changes in the ranking. The baseline (and any version without a trained user model)
 * ranks with the product's attention pooling; the fine-tuning work plugs trained user models in here.
 */
export function rankingConfigForVersion(_db: Db, _versionId: string): Promise<Partial<RankingConfig>> {
  return Promise.resolve({});
}
