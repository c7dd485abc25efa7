import crypto from 'node:crypto';

import { type Db } from '@lede/db';
import type { RankingConfig } from '@lede/ranking';
import { loadCheckpoint, readGraphFiles, TrainedUserModel } from '@lede/ranking/training';

import { AppError } from '../errors';
import { createLogger } from '../logger';

const log = createLogger('model-versions');

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

const userModels = new Map<string, Promise<TrainedUserModel | null>>();

/**
 * The version's trained user model (its artifact), loaded once per version and process; null for the
 * baseline and for versions without weights. A version's artifact never changes, so the cache needs no expiry.
 */
export function loadUserModelForVersion(db: Db, versionId: string): Promise<TrainedUserModel | null> {
  if (versionId === BASELINE_VERSION) return Promise.resolve(null);
  let model = userModels.get(versionId);
  if (!model) {
    model = (async () => {
      const row = await db.modelVersion.findUnique({ where: { id: versionId }, select: { artifactPath: true } });
      if (!row?.artifactPath) return null;
      const ckpt = loadCheckpoint(row.artifactPath);
      return new TrainedUserModel(readGraphFiles(ckpt.graph).spec, ckpt.state.params, ckpt.graph);
    })();
    userModels.set(versionId, model);
    // A failed load (missing file) is retried on a later request rather than cached.
    model.catch(() => userModels.delete(versionId));
  }
  return model;
}

/**
 * What a model version changes in the ranking: its fine-tuned user model. The baseline (and any version
 * without weights) ranks with the product's attention pooling. A version whose weights cannot be loaded
 * also serves with attention pooling, and the failure is logged.
 */
export async function rankingConfigForVersion(db: Db, versionId: string): Promise<Partial<RankingConfig>> {
  try {
    const userModel = await loadUserModelForVersion(db, versionId);
    return userModel ? { userModel } : {};
  } catch (err) {
    log.error('user model failed to load; serving attention pooling', { versionId, err });
    return {};
  }
}

/**
 * Promotes a version: share 1 makes it the only active version; a share below 1 starts an A/B test in which
 * the versions active now keep the rest (the baseline's heuristic ranking stands in when none is). The arms
 * before the change are kept in the audit log, so a roll-back restores them.
 */
export async function promoteVersion(db: Db, versionId: string, share: number, actorId: string | null): Promise<void> {
  if (!(share > 0 && share <= 1)) throw new AppError('BAD_REQUEST', 'share must be in (0, 1]');
  const target = await db.modelVersion.findUnique({ where: { id: versionId }, select: { id: true, status: true, encoderVersion: true } });
  if (!target || target.id === BASELINE_VERSION) throw new AppError('NOT_FOUND', 'No such model version');
  await db.$transaction(async (tx) => {
    const before = await tx.modelVersion.findMany({ where: { status: 'ACTIVE' }, select: { id: true, trafficShare: true } });
    const others = before.filter((a) => a.id !== versionId);
    if (share < 1 && !others.some((a) => a.trafficShare > 0)) {
      await tx.modelVersion.upsert({
        where: { id: BASELINE_VERSION },
        create: { id: BASELINE_VERSION, description: 'Heuristic ranking (attention pooling)', status: 'ACTIVE', encoderVersion: target.encoderVersion, trafficShare: 1 },
        update: { status: 'ACTIVE', trafficShare: 1 },
      });
      others.push({ id: BASELINE_VERSION, trafficShare: 1 });
    }
    const rest = others.reduce((s, a) => s + a.trafficShare, 0);
    for (const a of others) {
      const next = share >= 1 || rest <= 0 ? 0 : (a.trafficShare / rest) * (1 - share);
      await tx.modelVersion.update({ where: { id: a.id }, data: next > 0 ? { trafficShare: next } : { trafficShare: 0, status: 'RETIRED' } });
    }
    await tx.modelVersion.update({ where: { id: versionId }, data: { status: 'ACTIVE', trafficShare: share, promotedAt: new Date() } });
    await tx.auditLog.create({ data: { actorId, action: 'model.promote', target: versionId, details: { share, previous: before } } });
  });
}

/** Rolls a promoted version back: it is retired and the arms that served before its promotion return. */
export async function rollbackVersion(db: Db, versionId: string, actorId: string | null): Promise<void> {
  const promotion = await db.auditLog.findFirst({ where: { action: 'model.promote', target: versionId }, orderBy: { createdAt: 'desc' }, select: { details: true } });
  const version = await db.modelVersion.findUnique({ where: { id: versionId }, select: { status: true } });
  if (!version || version.status !== 'ACTIVE' || !promotion) throw new AppError('CONFLICT', 'Only a promoted, active version can be rolled back');
  const previous = (promotion.details as { previous?: { id: string; trafficShare: number }[] }).previous ?? [];
  await db.$transaction(async (tx) => {
    await tx.modelVersion.update({ where: { id: versionId }, data: { status: 'RETIRED', trafficShare: 0 } });
    const current = await tx.modelVersion.findMany({ where: { status: 'ACTIVE' }, select: { id: true } });
    for (const a of current) await tx.modelVersion.update({ where: { id: a.id }, data: { status: 'RETIRED', trafficShare: 0 } });
    for (const a of previous.filter((p) => p.id !== versionId)) {
      await tx.modelVersion.updateMany({ where: { id: a.id }, data: { status: 'ACTIVE', trafficShare: a.trafficShare } });
    }
    await tx.auditLog.create({ data: { actorId, action: 'model.rollback', target: versionId, details: { restored: previous } } });
  });
}
