import fs from 'node:fs';
import path from 'node:path';

import { type Db, type Prisma } from '@lede/db';
import { compileRankingModel, featureNames, type RankingModel } from '@lede/ranking';
import { loadCheckpoint, saveCheckpoint, type TrainerState } from '@lede/ranking/training';

import { readServingEncoder } from '../encoders/serving';
import { rankingModelPathFor, writeRankingModel } from '../model-versions/ranking-models';
import { DAY_MS } from '../shared/time';
import { evaluateHeldOut, type HeldOutReport } from './held-out';
import { CROSS_FOLDS, fitCrossFoldUsers, fitUserModel } from './fit';
import { loadClickData, toClickImpressions } from './dataset';
import { fitRankingModel } from './ranking-fit';
import { defaultTrainingDirs, ZTrainingParams, type TrainingDirs, type TrainingProgress, type TTrainingParams } from './hyperparameters';

const MAX_CURVE = 400;
const MAX_LOG_LINES = 300;

interface CheckpointMeta extends Record<string, unknown> {
  epoch: number;
  batch: number;
  curve: [number, number][];
  resumed: number;
}

export interface ExecuteOptions {
  dirs?: TrainingDirs;
  /** Vectors to train on; by default the installed encoder's. */
  encoderVersion?: string;
  threads?: number;
}

/**
 * Executes (or resumes) one RUNNING run in the worker: loads the window's clicks, trains with checkpoints,
 * evaluates on the held-out days beside the active version and the baselines, and registers a CANDIDATE
 * model version. Serving is never touched: only a promotion changes what readers get.
 */
export async function executeTrainingRun(db: Db, runId: string, opts: ExecuteOptions = {}): Promise<'succeeded' | 'cancelled' | 'failed'> {
  const dirs = opts.dirs ?? defaultTrainingDirs;
  const run = await db.trainingRun.findUnique({ where: { id: runId }, select: { status: true, params: true, log: true, progress: true, createdAt: true } });
  if (!run || run.status !== 'RUNNING') return 'cancelled';
  const logLines = run.log ? run.log.split('\n') : [];
  const log = (msg: string) => logLines.push(`${new Date().toISOString()} ${msg}`);
  let progress: TrainingProgress = {
    phase: 'loading', step: 0, totalSteps: 0, epoch: 0, epochs: 0, loss: null, curve: [], examplesPerSecond: null,
    etaSeconds: null, examples: 0, resumed: 0, updatedAt: new Date().toISOString(),
  };
  const save = async (data: Prisma.TrainingRunUpdateInput = {}) => {
    progress.updatedAt = new Date().toISOString();
    await db.trainingRun.update({ where: { id: runId }, data: { progress: { ...progress }, log: logLines.slice(-MAX_LOG_LINES).join('\n'), ...data } });
  };
  try {
    const params = ZTrainingParams.parse(run.params);
    // The encoder the feed serves (an admin's switch is stored in the database), not the process's environment:
    // the user model must learn from the vectors it will be applied to.
    const encoder = opts.encoderVersion ? { encoderVersion: opts.encoderVersion } : (await readServingEncoder(db))?.config;
    if (!encoder) throw new Error('no encoder installed: articles have no vectors to train on');
    const window = await resolveWindow(db, params);
    log(`window ${window.from.toISOString()} … ${window.to.toISOString()}, held out from ${window.heldOutFrom.toISOString()}`);
    const data = await loadClickData(db, { from: window.from, to: window.to, encoderVersion: encoder.encoderVersion });
    const trainPart = { ...data, impressions: data.impressions.filter((i) => i.time < window.heldOutFrom) };
    const ckptFile = path.join(dirs.checkpoints, runId, 'last.ckpt');
    const resume = readResume(ckptFile);
    if (resume) log(`resuming from checkpoint at step ${resume.state.step} (epoch ${resume.epoch + 1}, batch ${resume.batch})`);
    const resumed = (resume?.meta.resumed ?? -1) + 1;
    const curve: [number, number][] = resume?.meta.curve ?? [];
    progress = { ...progress, phase: 'training', epochs: params.epochs, curve, resumed, step: resume?.state.step ?? 0 };
    await save({ checkpointPath: resume ? ckptFile : undefined });

    let lastSave = 0;
    let lastCheck = Date.now();
    let cancelled = false;
    const started = performance.now();
    const startStep = resume?.state.step ?? 0;
    let examplesSeen = 0;
    const fit = await fitUserModel(toClickImpressions(trainPart), { ...params, threads: opts.threads }, {
      resume: resume ? { state: resume.state, epoch: resume.epoch, batch: resume.batch } : undefined,
      onStart: (examples) => {
        progress.examples = examples;
        log(`${examples} training examples`);
      },
      onStep: async (p, state) => {
        examplesSeen += p.examples;
        const totalSteps = p.batchesPerEpoch * params.epochs;
        const rate = examplesSeen / ((performance.now() - started) / 1000);
        const stepsPerSecond = (p.step - startStep) / ((performance.now() - started) / 1000);
        curve.push([p.step, Number(p.loss.toFixed(5))]);
        if (curve.length > MAX_CURVE) thin(curve);
        progress = {
          ...progress, step: p.step, totalSteps, epoch: p.epoch + 1, loss: p.loss, curve,
          examplesPerSecond: Math.round(rate), etaSeconds: Math.round((totalSteps - p.step) / stepsPerSecond),
        };
        if (p.step % params.checkpointEvery === 0 || p.batch === p.batchesPerEpoch) {
          const meta: CheckpointMeta = { epoch: p.batch === p.batchesPerEpoch ? p.epoch + 1 : p.epoch, batch: p.batch === p.batchesPerEpoch ? 0 : p.batch, curve, resumed };
          saveCheckpoint(ckptFile, { graph: 'nrms-user-v1', state, meta });
          if (p.step % (params.checkpointEvery * 5) === 0) log(`step ${p.step}/${totalSteps} loss ${p.loss.toFixed(4)} (checkpoint)`);
          await save({ checkpointPath: ckptFile });
          lastSave = Date.now();
        } else if (Date.now() - lastSave > 1000) {
          await save();
          lastSave = Date.now();
        }
        if (Date.now() - lastCheck > 1000) {
          lastCheck = Date.now();
          const now = await db.trainingRun.findUnique({ where: { id: runId }, select: { status: true } });
          if (now?.status !== 'RUNNING') {
            cancelled = true;
            return false;
          }
        }
      },
    });
    if (cancelled || !fit.completed) {
      log('cancelled');
      await db.trainingRun.update({ where: { id: runId }, data: { log: logLines.slice(-MAX_LOG_LINES).join('\n'), progress: { ...progress } } });
      return 'cancelled';
    }
    log(`trained ${fit.state.step} steps on ${fit.examples} examples in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    progress = { ...progress, phase: 'ranking', examples: fit.examples, etaSeconds: null };
    await save();
    const crossFitted = await fitCrossFoldUsers(toClickImpressions(trainPart), { ...params, threads: opts.threads }, CROSS_FOLDS, (k, n) => {
      log(`cross-fitting the user model for the ranking model's rows: fold ${k}/${n}`);
    });
    const ranking = await fitRankingModel(data, window.heldOutFrom, crossFitted, async (p) => {
      progress = { ...progress, ranking: { trees: p.tree, maxTrees: p.maxTrees, validationAuc: p.validation?.auc ?? null } };
      await save();
    });
    log(`ranking model: ${ranking.model.trees.length} trees on ${ranking.impressions} impressions in ${ranking.seconds.toFixed(1)} s`);
    progress = { ...progress, phase: 'evaluating', etaSeconds: 0 };
    await save();

    const rankingModel = compileRankingModel(ranking.model, featureNames);
    const report = await evaluateHeldOut(db, data, window.heldOutFrom, fit.model, rankingModel);
    log(`held out: ${report.impressions} impressions; AUC ${report.rankers.finetuned.auc} vs untrained ${report.rankers.untrained.auc}, popularity ${report.rankers.popularity.auc}`);
    // A run cancelled while it evaluated registers nothing.
    const current = await db.trainingRun.findUnique({ where: { id: runId }, select: { status: true } });
    if (current?.status !== 'RUNNING') return 'cancelled';
    const versionId = await registerCandidate(db, {
      runId, createdAt: run.createdAt, params, window, encoderVersion: encoder.encoderVersion, state: fit.state, report, examples: fit.examples, dirs,
      ranking: ranking.model,
    });
    log(`registered candidate version ${versionId}`);
    progress = { ...progress, phase: 'done' };
    const done = await db.trainingRun.updateMany({
      where: { id: runId, status: 'RUNNING' },
      data: {
        status: 'SUCCEEDED', finishedAt: new Date(), modelVersionId: versionId, metrics: toJson(report),
        progress: { ...progress, updatedAt: new Date().toISOString() }, log: logLines.slice(-MAX_LOG_LINES).join('\n'),
      },
    });
    return done.count ? 'succeeded' : 'cancelled';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`failed: ${message}`);
    await db.trainingRun.update({
      where: { id: runId },
      data: { status: 'FAILED', error: message, finishedAt: new Date(), log: logLines.slice(-MAX_LOG_LINES).join('\n') },
    });
    return 'failed';
  }
}

/** Halves the curve's resolution (keeps every other point and the last), so long runs stay small. */
function thin(curve: [number, number][]) {
  const last = curve[curve.length - 1]!;
  const kept = curve.filter((_, i) => i % 2 === 0);
  if (kept[kept.length - 1] !== last) kept.push(last);
  curve.splice(0, curve.length, ...kept);
}

function readResume(file: string): { state: TrainerState; epoch: number; batch: number; meta: CheckpointMeta } | null {
  if (!fs.existsSync(file)) return null;
  const c = loadCheckpoint(file);
  const meta = c.meta as CheckpointMeta;
  return { state: c.state, epoch: meta.epoch, batch: meta.batch, meta };
}

/** The window ends at the newest logged impression (simulated and imported data included). */
async function resolveWindow(db: Db, params: TTrainingParams) {
  const newest = await db.impression.findFirst({ orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  if (!newest) throw new Error('no impressions logged yet');
  const endDay = Math.floor(newest.createdAt.getTime() / DAY_MS) * DAY_MS;
  const to = new Date(endDay + DAY_MS);
  return { from: new Date(to.getTime() - params.days * DAY_MS), heldOutFrom: new Date(to.getTime() - params.heldOutDays * DAY_MS), to };
}

async function registerCandidate(
  db: Db,
  r: {
    runId: string; createdAt: Date; params: TTrainingParams; window: { from: Date; to: Date; heldOutFrom: Date }; encoderVersion: string;
    state: TrainerState; report: HeldOutReport; examples: number; dirs: TrainingDirs; ranking: RankingModel;
  },
): Promise<string> {
  // Named after the run, not the clock: a run resumed after a crash between registering and finishing
  // re-registers the same version instead of adding a second one.
  const stamp = r.createdAt.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const id = `user-${stamp}-${r.runId.slice(-6)}`;
  const artifactPath = path.join(r.dirs.artifacts, `${id}.weights`);
  saveCheckpoint(artifactPath, { graph: 'nrms-user-v1', state: r.state, meta: { runId: r.runId } }, true);
  writeRankingModel(rankingModelPathFor(artifactPath), r.ranking);
  const data = {
    description: `User model fine-tuned on ${r.examples} clicks (${r.params.epochs} epochs, lr ${r.params.lr}, K=${r.params.negatives}); ranking model of ${r.ranking.trees.length} trees`,
    encoderVersion: r.encoderVersion,
    artifactPath,
    metrics: toJson(versionMetrics(r.report)),
    provenance: toJson({
      runId: r.runId, graph: 'nrms-user-v1', params: r.params, examples: r.examples, steps: r.state.step, ranking: r.ranking.training,
      window: { from: r.window.from.toISOString(), heldOutFrom: r.window.heldOutFrom.toISOString(), to: r.window.to.toISOString() },
    }),
  };
  await db.modelVersion.upsert({ where: { id }, create: { id, status: 'CANDIDATE', ...data }, update: data });
  return id;
}

/** ModelVersion.metrics as the Models page reads it: own metrics on top, the comparison under `baselines`. */
function versionMetrics(report: HeldOutReport) {
  const withK = (m: HeldOutReport['rankers']['finetuned']) => ({ ...m, recallAtK: m.recall10, k: 10 });
  const { finetuned, untrained, active, popularity, recency } = report.rankers;
  return {
    ...withK(finetuned),
    heldOutFrom: report.from,
    baselines: { untrained: withK(untrained), [`active (${report.activeVersion})`]: withK(active), popularity: withK(popularity), recency: withK(recency) },
  };
}

const toJson = (x: unknown) => JSON.parse(JSON.stringify(x)) as Prisma.InputJsonValue;
