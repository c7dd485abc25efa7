import { type Db } from '@lede/db';

import { AppError } from '../shared/errors';
import { ALL } from './daily-metrics';
import { computeWilsonInterval, type ProportionInterval, testTwoProportions, type TwoProportionTest } from './significance';

/** The model version impressions imported from MIND behaviour logs carry (see ingest/writer/behavior-writer). */
export const IMPORTED_VERSION = 'import';

/** How a model version is named in the newsroom: imported logs are history, not an arm that served anyone. */
export function labelModelVersion(id: string): string {
  return id === IMPORTED_VERSION ? 'Imported history (logs)' : id;
}

export interface ArmReadout {
  modelVersion: string;
  label: string;
  /** Imported from logs: shown for reference, never tested against the live arms. */
  imported: boolean;
  /** Share of readers it serves now (0 when it is not active). */
  trafficShare: number;
  impressions: number;
  clicks: number;
  ctr: number;
  ctr95: ProportionInterval;
  /** Against the reference arm; null for the reference itself and for imported history. */
  versusReference: TwoProportionTest | null;
}

export interface AbReadout {
  from: string;
  to: string;
  /** The arm the others are tested against: the active version with the largest share, else the busiest arm. */
  reference: string | null;
  arms: ArmReadout[];
  /** Impressions and clicks per day and arm: the sample size under each point of the chart. */
  daily: { day: string; modelVersion: string; impressions: number; clicks: number; ctr: number }[];
}

/** Per-arm click-through with 95% Wilson intervals and a two-proportion z-test against the reference arm. */
export async function readAbReadout(db: Db, range: { from: string; to: string }): Promise<AbReadout> {
  if (range.from > range.to) throw new AppError('BAD_REQUEST', 'The range starts after it ends');
  const [rows, active] = await Promise.all([
    db.dailyMetric.findMany({
      where: { day: { gte: range.from, lte: range.to }, category: ALL, modelVersion: { not: ALL } },
      orderBy: [{ day: 'asc' }, { modelVersion: 'asc' }],
      select: { day: true, modelVersion: true, impressions: true, clicks: true },
    }),
    db.modelVersion.findMany({ where: { status: 'ACTIVE' }, select: { id: true, trafficShare: true } }),
  ]);
  const share = new Map(active.map((v) => [v.id, v.trafficShare]));
  const totals = new Map<string, { impressions: number; clicks: number }>();
  for (const r of rows) {
    const t = totals.get(r.modelVersion) ?? { impressions: 0, clicks: 0 };
    t.impressions += r.impressions;
    t.clicks += r.clicks;
    totals.set(r.modelVersion, t);
  }
  const live = [...totals].filter(([id]) => id !== IMPORTED_VERSION);
  const reference =
    live.sort((a, b) => (share.get(b[0]) ?? 0) - (share.get(a[0]) ?? 0) || b[1].impressions - a[1].impressions)[0]?.[0] ?? null;
  const referenceTotals = reference ? totals.get(reference) : undefined;
  const arms = [...totals].map(([modelVersion, t]): ArmReadout => {
    const imported = modelVersion === IMPORTED_VERSION;
    return {
      modelVersion,
      label: labelModelVersion(modelVersion),
      imported,
      trafficShare: share.get(modelVersion) ?? 0,
      impressions: t.impressions,
      clicks: t.clicks,
      ctr: t.impressions ? t.clicks / t.impressions : 0,
      ctr95: computeWilsonInterval(t.clicks, t.impressions),
      versusReference: imported || modelVersion === reference || !referenceTotals ? null : testTwoProportions(referenceTotals, t),
    };
  });
  // Reference first, live arms by traffic, imported history last.
  arms.sort((a, b) => Number(a.imported) - Number(b.imported) || Number(b.modelVersion === reference) - Number(a.modelVersion === reference) || b.trafficShare - a.trafficShare || b.impressions - a.impressions);
  const daily = rows.map((r) => ({ ...r, ctr: r.impressions ? r.clicks / r.impressions : 0 }));
  return { from: range.from, to: range.to, reference, arms, daily };
}
