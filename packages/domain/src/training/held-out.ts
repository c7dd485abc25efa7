import { type Db } from '@lede/db';
import { type TrainedUserModel } from '@lede/ranking/training';

import { attachUserVectors, scoreImpressions, type LabeledImpression, type OfflineMetrics } from '../lab/evaluation/offline';
import { BASELINE_VERSION, loadUserModelForVersion } from '../model-versions/traffic-split';
import { fitPopularity, toCandidates, type ClickData } from './dataset';

type Metrics = Omit<OfflineMetrics, 'scores'>;

export interface HeldOutReport {
  impressions: number;
  from: string;
  /** The version serving most readers now ("baseline" when none is promoted). */
  activeVersion: string;
  rankers: { finetuned: Metrics; untrained: Metrics; active: Metrics; popularity: Metrics; recency: Metrics };
}

/**
 * The held-out days' clicked impressions, ranked by the product ranking with the new user model, with the
 * untrained attention pooling, with the active version, and by popularity and recency alone.
 */
export async function evaluateHeldOut(db: Db, data: ClickData, heldOutFrom: Date, model: TrainedUserModel): Promise<HeldOutReport> {
  const popularity = fitPopularity(data.impressions, heldOutFrom);
  const labeled: LabeledImpression[] = data.impressions
    .filter((imp) => imp.time >= heldOutFrom && imp.candidates.some((c) => c.clicked))
    .map((imp) => ({
      time: imp.time,
      history: imp.history,
      candidates: toCandidates(imp, data, popularity),
      labels: imp.candidates.map((c) => (c.clicked ? 1 : 0)),
    }));
  if (!labeled.length) throw new Error('no clicked impression in the held-out days');
  const strip = ({ scores: _scores, ...m }: OfflineMetrics & { scores: number[][] }): Metrics => m;

  const active = await db.modelVersion.findFirst({ where: { status: 'ACTIVE', trafficShare: { gt: 0 } }, orderBy: { trafficShare: 'desc' }, select: { id: true } });
  const activeId = active?.id ?? BASELINE_VERSION;
  const activeModel = await loadUserModelForVersion(db, activeId).catch(() => null);

  const withModel = await attachUserVectors(labeled, model);
  const withActive = activeModel ? await attachUserVectors(labeled, activeModel) : labeled;
  return {
    impressions: labeled.length,
    from: heldOutFrom.toISOString(),
    activeVersion: activeId,
    rankers: {
      finetuned: strip(scoreImpressions(withModel, 'lede')),
      untrained: strip(scoreImpressions(labeled, 'lede-untrained')),
      active: strip(scoreImpressions(withActive, activeModel ? 'lede' : 'lede-untrained')),
      popularity: strip(scoreImpressions(labeled, 'popularity')),
      recency: strip(scoreImpressions(labeled, 'recency')),
    },
  };
}
