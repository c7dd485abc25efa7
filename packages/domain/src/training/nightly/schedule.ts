import { type Db } from '@lede/db';
import { z } from 'zod';

import { promoteVersion } from '../../model-versions/promotion';
import { auditCreate } from '../../newsroom/audit';
import { canAutoPromote, type AutoPromoteDecision, type GuardMetrics } from './auto-promote';
import { startTrainingRun } from '../runs';

/** Audit actions of the schedule: a run it queued, and what it decided once that run finished. */
export const SCHEDULED_RUN = 'training.scheduled';
export const AUTO_PROMOTE_DECISION = 'training.auto-promote';

const ZGuardMetrics = z.object({ auc: z.number(), mrr: z.number(), ndcg5: z.number(), ndcg10: z.number() });
const ZHeldOut = z.object({ impressions: z.number(), rankers: z.object({ finetuned: ZGuardMetrics, active: ZGuardMetrics }) });

export interface RetrainingOptions {
  /** UTC hour from which the night's run is queued (once per UTC day). */
  hourUtc: number;
  now?: Date;
  /** The promotion check; swap in the model-versions guard here. */
  guard?: (candidate: GuardMetrics, active: GuardMetrics) => AutoPromoteDecision;
}

export interface RetrainingTick {
  queued: string | null;
  decided: { runId: string; versionId: string | null; promoted: boolean; reasons: string[] }[];
}

/**
 * One tick of nightly retraining, safe to call every few minutes from any number of workers' timers:
 * queues today's run once the hour has come (none if one was already queued today), and for each scheduled run
 * that has finished and has no decision yet, promotes its candidate to all traffic when `guard` allows,
 * recording the decision either way.
 */
export async function runRetrainingSchedule(db: Db, { hourUtc, now = new Date(), guard = canAutoPromote }: RetrainingOptions): Promise<RetrainingTick> {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let queued: string | null = null;
  if (now.getUTCHours() >= hourUtc && !(await db.auditLog.findFirst({ where: { action: SCHEDULED_RUN, createdAt: { gte: dayStart } }, select: { id: true } }))) {
    queued = (await startTrainingRun(db, {}, null)).id;
    await auditCreate(db, { actorId: null, action: SCHEDULED_RUN, target: queued, details: { hourUtc } });
  }
  const scheduled = await db.auditLog.findMany({ where: { action: SCHEDULED_RUN }, select: { target: true } });
  const decidedRuns = new Set((await db.auditLog.findMany({ where: { action: AUTO_PROMOTE_DECISION }, select: { target: true } })).map((a) => a.target));
  const finished = await db.trainingRun.findMany({
    where: { id: { in: scheduled.map((s) => s.target).filter((id) => !decidedRuns.has(id)) }, status: { in: ['SUCCEEDED', 'FAILED', 'CANCELLED'] } },
    select: { id: true, status: true, metrics: true, modelVersionId: true },
  });
  const decided: RetrainingTick['decided'] = [];
  for (const run of finished) {
    const report = ZHeldOut.safeParse(run.metrics);
    const decision: AutoPromoteDecision =
      run.status !== 'SUCCEEDED' || !run.modelVersionId
        ? { allowed: false, reasons: [`run ${run.status.toLowerCase()}`] }
        : !report.success || report.data.impressions === 0
          ? { allowed: false, reasons: ['no held-out evaluation'] }
          : guard(report.data.rankers.finetuned, report.data.rankers.active);
    if (decision.allowed && run.modelVersionId) await promoteVersion(db, null, run.modelVersionId);
    await auditCreate(db, { actorId: null, action: AUTO_PROMOTE_DECISION, target: run.id, details: { version: run.modelVersionId, promoted: decision.allowed, reasons: decision.reasons } });
    decided.push({ runId: run.id, versionId: run.modelVersionId, promoted: decision.allowed, reasons: decision.reasons });
  }
  return { queued, decided };
}

/** The schedule's recent decisions, newest first, for the training page. */
export async function listRetrainingDecisions(db: Db, take = 10) {
  const rows = await db.auditLog.findMany({ where: { action: AUTO_PROMOTE_DECISION }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, select: { target: true, details: true, createdAt: true } });
  const ZDetails = z.object({ version: z.string().nullable(), promoted: z.boolean(), reasons: z.array(z.string()) });
  return rows.flatMap((r) => {
    const d = ZDetails.safeParse(r.details);
    return d.success ? [{ runId: r.target, decidedAt: r.createdAt, ...d.data }] : [];
  });
}
