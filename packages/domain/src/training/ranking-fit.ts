import {
  buildLogRows,
  compileRankingModel,
  featureCount,
  featureIndex,
  SERVING_POSITION,
  type CompiledRankingModel,
  type LogArticle,
  type LogImpression,
  type RankingTrainProgress,
  type RankingTrainResult,
} from '@lede/ranking';

import { trainRankingOnLog } from '../lab/evaluation/learned';
import { measureLabeledScores } from '../lab/evaluation/offline';
import { type ClickData } from './dataset';
import { type EncodeUsers } from './fit';


/** The logged impressions as the ranking model's features read them, in time order. */
export function toFeatureLog(data: ClickData): { impressions: LogImpression[]; articles: Map<string, LogArticle> } {
  const impressions = data.impressions
    .map((imp): LogImpression => ({ reader: imp.userId, time: imp.time, history: imp.history.map((h) => h.articleId), candidates: imp.candidates }))
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  const articles = new Map<string, LogArticle>(
    [...data.articles].map(([id, a]) => [
      id,
      { category: a.category, subcategory: a.subcategory ?? null, publishedAt: a.publishedAt, vector: a.vector, text: a.text ?? '', entities: a.entities ?? null },
    ]),
  );
  return { impressions, articles };
}

/**
 * Trains the ranking model on the impressions before `heldOutFrom`, features built point in time with the
 * run's user model cross-fitted (see fitCrossFoldUsers), popularity as live serving sees it.
 */
export async function fitRankingModel(
  data: ClickData,
  heldOutFrom: Date,
  encodeUsers: EncodeUsers,
  onProgress?: (p: RankingTrainProgress) => void | Promise<void>,
): Promise<RankingTrainResult & { impressions: number }> {
  const log = toFeatureLog(data);
  // The held-out impressions stay in the replay (nothing reads them: they come after every training row).
  const trainPart = log.impressions.filter((imp) => imp.time < heldOutFrom);
  const fit = await trainRankingOnLog(trainPart, log.articles, encodeUsers, { knownFrom: 'impression', onProgress });
  compileRankingModel(fit.model);
  return fit;
}

/** MIND metrics of a ranking model (with its user vectors) on the impressions from `heldOutFrom` that have a click. */
export async function measureRankingModel(data: ClickData, heldOutFrom: Date, encodeUsers: EncodeUsers, model: CompiledRankingModel) {
  const log = toFeatureLog(data);
  const rows = await buildLogRows(log.impressions, log.articles, {
    knownFrom: 'impression',
    encodeUsers,
    emit: (imp) => imp.time >= heldOutFrom && imp.candidates.some((c) => c.clicked),
  });
  const x = rows.data.x;
  const impressions = rows.source.map((_, g) => {
    const labels: number[] = [];
    const scores: number[] = [];
    for (let r = rows.data.groups[g]!; r < rows.data.groups[g + 1]!; r++) {
      // Scored as serving scores: every candidate at the serving position.
      x[r * featureCount + featureIndex.position] = SERVING_POSITION;
      labels.push(rows.data.labels[r]!);
      scores.push(model.score(x, r * featureCount));
    }
    return { labels, scores };
  });
  return measureLabeledScores(impressions);
}
