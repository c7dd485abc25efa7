import { type Db, type Prisma } from '@lede/db';

import { AppError } from '../shared/errors';
import { auditCreate } from '../newsroom/audit';
import { BASELINE_VERSION } from './traffic-split';

export interface Arm {
  id: string;
  share: number;
}

/**
 * The `baseline` version (the heuristic ranking, no trained user model), serving all traffic when nothing else
 * is active. Idempotent: does nothing once the row exists.
 */
export async function ensureBaselineVersion(db: Db, encoderVersion: string | null): Promise<void> {
  if (await db.modelVersion.findUnique({ where: { id: BASELINE_VERSION }, select: { id: true } })) return;
  const active = await db.modelVersion.count({ where: { status: 'ACTIVE', trafficShare: { gt: 0 } } });
  await db.modelVersion.create({
    data: {
      id: BASELINE_VERSION,
      description: 'Heuristic ranking: attention-pooled user vector, freshness, popularity, MMR diversity',
      status: active ? 'CANDIDATE' : 'ACTIVE',
      trafficShare: active ? 0 : 1,
      encoderVersion: encoderVersion ?? 'none',
      provenance: { kind: 'heuristic', trainedOn: null, note: 'seeded by Lede; no trained weights' },
      promotedAt: active ? null : new Date(),
    },
  });
}

async function currentArms(db: Db): Promise<Arm[]> {
  const rows = await db.modelVersion.findMany({ where: { status: 'ACTIVE', trafficShare: { gt: 0 } }, orderBy: { id: 'asc' }, select: { id: true, trafficShare: true } });
  return rows.map((r) => ({ id: r.id, share: r.trafficShare }));
}

/** Makes `arms` the only active versions; the versions that were active and are not in `arms` retire. */
async function applyArms(db: Db, actorId: string, action: string, target: string, arms: Arm[], extra: Record<string, Prisma.InputJsonValue> = {}) {
  const previous = await currentArms(db);
  const now = new Date();
  const keep = new Set(arms.map((a) => a.id));
  await db.$transaction([
    db.modelVersion.updateMany({ where: { status: 'ACTIVE', id: { notIn: [...keep] } }, data: { status: 'RETIRED', trafficShare: 0 } }),
    ...arms.map((a) => db.modelVersion.update({ where: { id: a.id }, data: { status: 'ACTIVE', trafficShare: a.share, promotedAt: now } })),
    auditCreate(db, { actorId, action, target, details: { previous: previous.map((a) => ({ ...a })), arms: arms.map((a) => ({ ...a })), ...extra } }),
  ]);
  return { arms, previous };
}

async function assertVersionsExist(db: Db, ids: string[]) {
  const found = await db.modelVersion.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new AppError('NOT_FOUND', `No model version ${missing.join(', ')}`);
}

/** All traffic to one version. The API's ModelRouter picks it up within its re-read interval (5 s). */
export async function promoteVersion(db: Db, actorId: string, id: string) {
  await assertVersionsExist(db, [id]);
  return applyArms(db, actorId, 'model.promote', id, [{ id, share: 1 }]);
}

/** An A/B split: traffic shares (normalised to add up to 1) over two or more versions. */
export async function splitTraffic(db: Db, actorId: string, arms: Arm[]) {
  const ids = arms.map((a) => a.id);
  if (new Set(ids).size !== ids.length) throw new AppError('BAD_REQUEST', 'Each version can be in the split once');
  if (arms.length < 2) throw new AppError('BAD_REQUEST', 'An A/B split needs at least two versions');
  if (arms.some((a) => !(a.share > 0))) throw new AppError('BAD_REQUEST', 'Every arm needs a share above 0');
  await assertVersionsExist(db, ids);
  const total = arms.reduce((s, a) => s + a.share, 0);
  return applyArms(db, actorId, 'model.split', ids.join(','), arms.map((a) => ({ id: a.id, share: a.share / total })));
}

function parseArms(value: unknown): Arm[] | null {
  if (!Array.isArray(value)) return null;
  const arms = value.filter((a): a is Arm => typeof a === 'object' && a !== null && typeof (a as Arm).id === 'string' && typeof (a as Arm).share === 'number');
  return arms.length === value.length ? arms : null;
}

/**
 * Restores the traffic split from before the last model action (promote, split or roll-back), as the audit
 * log recorded it: a roll-back of a promotion returns to the previously active version(s).
 */
export async function rollbackModel(db: Db, actorId: string) {
  const last = await db.auditLog.findFirst({ where: { action: { in: ['model.promote', 'model.split', 'model.rollback'] } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const details = last?.details as { previous?: unknown } | undefined;
  const previous = parseArms(details?.previous);
  if (!previous?.length) throw new AppError('CONFLICT', 'Nothing to roll back to: no earlier model change is recorded');
  await assertVersionsExist(db, previous.map((a) => a.id));
  return applyArms(db, actorId, 'model.rollback', previous.map((a) => a.id).join(','), previous, { undid: last!.id });
}

export interface OfflineMetrics {
  auc: number | null;
  mrr: number | null;
  ndcg5: number | null;
  ndcg10: number | null;
  recallAtK: number | null;
}

const metricKeys = ['auc', 'mrr', 'ndcg5', 'ndcg10', 'recallAtK'] as const;

function readMetrics(value: unknown): OfflineMetrics | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  const num = (k: keyof OfflineMetrics) => {
    const v = o[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const m: OfflineMetrics = { auc: num('auc'), mrr: num('mrr'), ndcg5: num('ndcg5'), ndcg10: num('ndcg10'), recallAtK: num('recallAtK') };
  return metricKeys.some((k) => m[k] !== null) ? m : null;
}

/**
 * `ModelVersion.metrics` as the evaluation writes it: the version's own offline metrics at the top level and
 * the baselines it was compared with under `baselines` (`{ popularity: {...}, recency: {...} }`).
 */
export function parseVersionMetrics(value: unknown): { own: OfflineMetrics | null; baselines: { name: string; metrics: OfflineMetrics }[] } {
  const o = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const rawBaselines = typeof o.baselines === 'object' && o.baselines !== null ? (o.baselines as Record<string, unknown>) : {};
  const baselines = Object.entries(rawBaselines).flatMap(([name, v]) => {
    const metrics = readMetrics(v);
    return metrics ? [{ name, metrics }] : [];
  });
  // Sorted: PostgreSQL's jsonb does not keep key order.
  return { own: readMetrics(o), baselines: baselines.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Every version, newest first, with provenance and offline metrics beside its baselines. */
export async function listModelVersions(db: Db) {
  const rows = await db.modelVersion.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  return rows.map((r) => ({
    id: r.id,
    description: r.description,
    status: r.status,
    trafficShare: r.trafficShare,
    encoderVersion: r.encoderVersion,
    provenance: JSON.stringify(r.provenance),
    ...parseVersionMetrics(r.metrics),
    createdAt: r.createdAt,
    promotedAt: r.promotedAt,
  }));
}
