import crypto from 'node:crypto';

import { type Db } from '@lede/db';
import type { RankingConfig } from '@lede/ranking';
import { loadCheckpoint, readGraphFiles, TrainedUserModel } from '@lede/ranking/training';

import { createLogger } from '../shared/logger';
import { loadDefaultRankingModel, loadRankingModelForVersion } from './ranking-models';

const log = createLogger('model-versions');

/** Serves with the heuristic ranking when no model version has been promoted yet. */
export const BASELINE_VERSION = 'baseline';

/** One arm of the A/B split: an active model version and its share of readers. */
export interface Arm {
  id: string;
  share: number;
}

/** The active versions that serve traffic, in a stable order (the split hashes readers onto it). */
export async function readActiveArms(db: Db): Promise<Arm[]> {
  const rows = await db.modelVersion.findMany({
    where: { status: 'ACTIVE', trafficShare: { gt: 0 } },
    orderBy: { id: 'asc' },
    select: { id: true, trafficShare: true },
  });
  return rows.map((r) => ({ id: r.id, share: r.trafficShare }));
}

/**
 * Which model version serves a reader. Active versions split traffic by their shares; a reader always lands
 * in the same arm (hash of the reader id), so an A/B split is stable across requests. Re-read every few
 * seconds, so a promotion or roll-back takes effect without a restart.
 *
 * A switch is warm before it serves: a version new to this router has its user model and ranking model loaded
 * (`warmVersion`) before any reader is routed to it, and until then readers keep the arms they had. One re-read
 * (and warm-up) at a time; requests that arrive meanwhile wait for it rather than each reading the split.
 */
export class ModelRouter {
  private arms: Arm[] = [];
  private loadedAt = 0;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  /** Never throws: with the database down it keeps the arms it last read (the baseline before any). */
  async versionFor(readerId: string): Promise<string> {
    if (Date.now() - this.loadedAt > this.ttlMs) {
      this.reading ??= this.reread().finally(() => (this.reading = null));
      await this.reading;
    }
    return pickArm(this.arms, readerId);
  }

  private async reread(): Promise<void> {
    try {
      const next = await readActiveArms(this.db);
      const serving = new Set(this.arms.map((a) => a.id));
      // Warm first: a version's models load before the first reader is routed to it.
      await Promise.all(next.filter((a) => !serving.has(a.id)).map((a) => warmVersion(this.db, a.id)));
      this.arms = next;
    } catch (err) {
      log.error('reading or warming the traffic split failed; keeping the last known arms', { arms: this.arms.length, err });
    }
    // Also after a failure: retry after the interval, not on every request of an outage.
    this.loadedAt = Date.now();
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
/** Versions whose models are loaded in this process (`warmVersion` succeeded). */
const warmVersions = new Set<string>();

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
 * Loads what a version serves with (user model, ranking model) into this process's caches, so the first
 * reader routed to it is ranked as every later one. Throws when the database cannot be read (the router
 * then keeps its previous arms and tries again); weights that cannot be loaded are logged and the version
 * serves with attention pooling, as `rankingConfigForVersion` would.
 */
export async function warmVersion(db: Db, versionId: string): Promise<void> {
  if (warmVersions.has(versionId)) return;
  const started = Date.now();
  await rankingConfigForVersion(db, versionId, { throwOnDbError: true });
  warmVersions.add(versionId);
  log.info('model version warmed', { versionId, ms: Date.now() - started });
}

/** Whether `warmVersion` has loaded this version's models in this process. */
export function isVersionWarm(versionId: string): boolean {
  return warmVersions.has(versionId);
}

/**
 * What a model version changes in the ranking: its fine-tuned user model and its ranking model. The baseline
 * (and any version without weights) ranks with the product's attention pooling and the shipped default
 * ranking model. A version whose weights cannot be loaded also serves with attention pooling, and the
 * failure is logged.
 */
export async function rankingConfigForVersion(db: Db, versionId: string, opts: { throwOnDbError?: boolean } = {}): Promise<Partial<RankingConfig>> {
  const rankingModel = versionId === BASELINE_VERSION ? loadDefaultRankingModel() : await loadRankingModelForVersion(db, versionId);
  const withRanking = rankingModel ? { rankingModel } : {};
  try {
    const userModel = await loadUserModelForVersion(db, versionId);
    return userModel ? { userModel, ...withRanking } : withRanking;
  } catch (err) {
    if (opts.throwOnDbError && err instanceof Error && err.name.startsWith('PrismaClient')) throw err;
    log.error('user model failed to load; serving attention pooling', { versionId, err });
    return withRanking;
  }
}
