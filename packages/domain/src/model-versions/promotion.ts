import { type Db, type Prisma } from '@lede/db';

import { AppError } from '../shared/errors';
import { auditCreate } from '../newsroom/audit';
import { type Arm, BASELINE_VERSION, readActiveArms } from './traffic-split';

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

/** Makes `arms` the only active versions; the versions that were active and are not in `arms` retire. */
async function applyArms(db: Db, actorId: string | null, action: string, target: string, arms: Arm[], extra: Record<string, Prisma.InputJsonValue> = {}) {
  const previous = await readActiveArms(db);
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

/**
 * Where a candidate's held-out metrics fall below the active version's, measured by its training run on the
 * same held-out days (`metrics.baselines["active (…)"]`): the metrics that are worse, empty otherwise.
 */
export function findWorseMetrics(metrics: unknown): string[] {
  const m = metrics as { auc?: unknown; ndcg10?: unknown; baselines?: Record<string, { auc?: unknown; ndcg10?: unknown }> } | null;
  const active = Object.entries(m?.baselines ?? {}).find(([name]) => name.startsWith('active'))?.[1];
  if (!m || !active) return [];
  const worse: string[] = [];
  for (const key of ['auc', 'ndcg10'] as const) {
    const own = m[key];
    const theirs = active[key];
    if (typeof own === 'number' && typeof theirs === 'number' && own < theirs) worse.push(`${key === 'auc' ? 'AUC' : 'nDCG@10'} ${own} < ${theirs}`);
  }
  return worse;
}

/**
 * All traffic to one version. The API's ModelRouter picks it up within its re-read interval (5 s). A version
 * whose held-out metrics are worse than the active version's needs `confirmWorse`, and the audit log says so.
 */
export async function promoteVersion(db: Db, actorId: string | null, id: string, opts: { confirmWorse?: boolean } = {}) {
  await assertVersionsExist(db, [id]);
  const row = await db.modelVersion.findUniqueOrThrow({ where: { id }, select: { metrics: true } });
  const worse = findWorseMetrics(row.metrics);
  if (worse.length && !opts.confirmWorse) {
    throw new AppError('CONFLICT', `${id} is worse than the active version on its held-out days (${worse.join(', ')}): confirm to promote it anyway`);
  }
  return applyArms(db, actorId, 'model.promote', id, [{ id, share: 1 }], worse.length ? { confirmedWorse: worse } : {});
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

const modelActions = ['model.promote', 'model.split', 'model.rollback'];

/**
 * The newest model change still in effect: a roll-back undoes the change it names (`undid`), and both are then
 * passed over, so roll-backs walk back through the recorded states instead of toggling between the last two.
 */
async function findLastUndoableChange(db: Db) {
  const entries = await db.auditLog.findMany({ where: { action: { in: modelActions } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true, action: true, details: true } });
  const undone = new Set<string>();
  for (const e of entries) {
    const details = (e.details ?? {}) as { undid?: unknown };
    if (e.action === 'model.rollback') {
      if (typeof details.undid === 'string') undone.add(details.undid);
    } else if (!undone.has(e.id)) return e;
  }
  return null;
}

/**
 * Restores the traffic split from before the newest model change (promote or split) not yet rolled back, as
 * the audit log recorded it. A/B 50/50 -> promote -> roll back gives the split again; rolling back once more
 * gives what served before the split.
 */
export async function rollbackModel(db: Db, actorId: string) {
  const last = await findLastUndoableChange(db);
  const previous = parseArms((last?.details as { previous?: unknown } | undefined)?.previous);
  if (!last || !previous?.length) throw new AppError('CONFLICT', 'Nothing to roll back to: no earlier model change is recorded');
  await assertVersionsExist(db, previous.map((a) => a.id));
  return applyArms(db, actorId, 'model.rollback', previous.map((a) => a.id).join(','), previous, { undid: last.id });
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
    worseThanActive: findWorseMetrics(r.metrics),
    createdAt: r.createdAt,
    promotedAt: r.promotedAt,
  }));
}
