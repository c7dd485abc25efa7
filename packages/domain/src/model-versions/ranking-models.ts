import fs from 'node:fs';
import path from 'node:path';

import { type Db, repoRoot } from '@lede/db';
import { compileRankingModel, featureNames, type CompiledRankingModel, type RankingModel } from '@lede/ranking';
import { z } from 'zod';

import { apiEnv } from '../shared/env';
import { createLogger } from '../shared/logger';

const log = createLogger('ranking-models');

/** The ranking model a cold install serves: trained on simulated logs (models/ranking/lede-ranking-sim/MODEL_CARD.md). */
export const defaultRankingModelPath = path.join(repoRoot, 'models', 'ranking', 'lede-ranking-sim', 'ranking-model.json');

const ZRankingTree = z.object({
  feature: z.array(z.number().int().min(-1)),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
});
const ZLinearPart = z.object({
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weight: z.array(z.number()),
  missing: z.array(z.number()),
});
const ZRankingModel = z
  .object({
    kind: z.literal('lede-ranking-trees'),
    features: z.array(z.string()),
    linear: ZLinearPart.optional(),
    trees: z.array(ZRankingTree),
    training: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .refine((m) => m.linear || m.trees.length > 0, 'a ranking model needs a linear part or a tree');

/** A model version's ranking model sits beside its user model weights. */
export function rankingModelPathFor(artifactPath: string): string {
  return `${artifactPath.replace(/\.weights$/, '')}.ranking.json`;
}

export function writeRankingModel(file: string, model: RankingModel): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(model) + '\n');
}

/** Reads, validates and compiles a ranking model file; its feature list must be this build's. */
export function readRankingModel(file: string): CompiledRankingModel {
  const model = ZRankingModel.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  for (const t of model.trees) {
    const n = t.feature.length;
    if ([t.threshold, t.left, t.right, t.value].some((a) => a.length !== n)) throw new Error(`${file}: a tree's arrays differ in length`);
  }
  return compileRankingModel(model, featureNames);
}

let defaultModel: CompiledRankingModel | null | undefined;
const versionModels = new Map<string, CompiledRankingModel | null>();

/** The shipped default, or null (logged) when it is missing or unreadable: ranking then falls back to the blend. */
export function loadDefaultRankingModel(): CompiledRankingModel | null {
  if (apiEnv.LEDE_RANKING === 'blend') return null;
  if (defaultModel === undefined) {
    try {
      defaultModel = readRankingModel(defaultRankingModelPath);
    } catch (err) {
      log.error('default ranking model failed to load; ranking with the blend', { file: defaultRankingModelPath, err });
      defaultModel = null;
    }
  }
  return defaultModel;
}

/**
 * The version's ranking model (trained in its fine-tune run), else the shipped default. Loaded once per
 * version and process (a version's artifacts never change); concurrent first requests share one load.
 */
export async function loadRankingModelForVersion(db: Db, versionId: string): Promise<CompiledRankingModel | null> {
  if (apiEnv.LEDE_RANKING === 'blend') return null;
  const cached = versionModels.get(versionId);
  if (cached !== undefined) return cached ?? loadDefaultRankingModel();
  let loading = loadingModels.get(versionId);
  if (!loading) {
    loading = readVersionRankingModel(db, versionId).finally(() => loadingModels.delete(versionId));
    loadingModels.set(versionId, loading);
  }
  const model = await loading;
  versionModels.set(versionId, model);
  return model ?? loadDefaultRankingModel();
}

/** Loads in flight, by version: a switch's first readers wait for one load instead of each parsing the file. */
const loadingModels = new Map<string, Promise<CompiledRankingModel | null>>();

async function readVersionRankingModel(db: Db, versionId: string): Promise<CompiledRankingModel | null> {
  const row = await db.modelVersion.findUnique({ where: { id: versionId }, select: { artifactPath: true } });
  const file = row?.artifactPath ? rankingModelPathFor(row.artifactPath) : null;
  if (!file || !fs.existsSync(file)) return null;
  try {
    return readRankingModel(file);
  } catch (err) {
    log.error('ranking model of the version failed to load; serving the default', { versionId, file, err });
    return null;
  }
}
