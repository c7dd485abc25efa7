import { type Db } from '@lede/db';
import { type CompiledRankingModel } from '@lede/ranking';
import { type TrainedUserModel } from '@lede/ranking/training';

import { encodeUsersByAttention } from '../lab/evaluation/learned';
import { attachUserVectors, scoreImpressions, type LabeledImpression, type OfflineMetrics } from '../lab/evaluation/offline';
import { loadDefaultRankingModel, loadRankingModelForVersion } from '../model-versions/ranking-models';
import { BASELINE_VERSION, loadUserModelForVersion } from '../model-versions/traffic-split';
import { fitPopularity, toCandidates, type ClickData } from './dataset';
import { measureRankingModel } from './ranking-fit';

type Metrics = Omit<OfflineMetrics, 'scores'>;

export interface HeldOutReport {
  impressions: number;
  from: string;
  /** The version serving most readers now ("baseline" when none is promoted). */
  activeVersion: string;
  rankers: { finetuned: Metrics; untrained: Metrics; active: Metrics; popularity: Metrics; recency: Metrics };
}

/**
 * The held-out days' clicked impressions, ranked by the new version (its user model and ranking model), by
 * the old blend with the untrained attention pooling, by the active version (its user model and ranking
 * model), and by popularity and recency alone.
 */
export async function evaluateHeldOut(db: Db, data: ClickData, heldOutFrom: Date, model: TrainedUserModel, rankingModel: CompiledRankingModel): Promise<HeldOutReport> {
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
  const activeRanking = activeId === BASELINE_VERSION ? loadDefaultRankingModel() : await loadRankingModelForVersion(db, activeId);
  const activeEncode = activeModel ? (h: Float32Array[][]) => activeModel.encodeUsers(h) : encodeUsersByAttention;
  const withActive = activeModel ? await attachUserVectors(labeled, activeModel) : labeled;
  return {
    impressions: labeled.length,
    from: heldOutFrom.toISOString(),
    activeVersion: activeId,
    rankers: {
      finetuned: await measureRankingModel(data, heldOutFrom, (h) => model.encodeUsers(h), rankingModel),
      untrained: strip(scoreImpressions(labeled, 'blend-untrained')),
      // A version from before ranking models (none loadable) is measured as it serves: with the blend.
      active: activeRanking
        ? await measureRankingModel(data, heldOutFrom, activeEncode, activeRanking)
        : strip(scoreImpressions(withActive, activeModel ? 'blend' : 'blend-untrained')),
      popularity: strip(scoreImpressions(labeled, 'popularity')),
      recency: strip(scoreImpressions(labeled, 'recency')),
    },
  };
}
