import type { Db, Prisma } from '@lede/db';

import { AppError } from '../shared/errors';
import { ZTrainingParams, type TTrainingParamsInput } from './hyperparameters';

const runSelect = {
  id: true, status: true, params: true, progress: true, metrics: true, log: true, error: true,
  checkpointPath: true, modelVersionId: true, createdAt: true, startedAt: true, finishedAt: true,
  modelVersion: { select: { id: true, status: true, trafficShare: true } },
} satisfies Prisma.TrainingRunSelect;

export type TrainingRunRow = Prisma.TrainingRunGetPayload<{ select: typeof runSelect }>;

/** Queues a run; the worker picks it up (it polls for queued runs, so the admin needs no shared queue). */
export async function startTrainingRun(db: Db, input: TTrainingParamsInput, actorId: string | null): Promise<{ id: string }> {
  const params = ZTrainingParams.parse(input);
  const run = await db.trainingRun.create({ data: { params, createdById: actorId }, select: { id: true } });
  await db.auditLog.create({ data: { actorId, action: 'training.start', target: run.id, details: params } });
  return run;
}

/** A queued run is cancelled at once; a running one at its next step (the worker watches the status). */
export async function cancelTrainingRun(db: Db, id: string, actorId: string | null): Promise<void> {
  const { count } = await db.trainingRun.updateMany({
    where: { id, status: { in: ['QUEUED', 'RUNNING'] } },
    data: { status: 'CANCELLED', finishedAt: new Date() },
  });
  if (!count) throw new AppError('CONFLICT', 'Only a queued or running run can be cancelled');
  await db.auditLog.create({ data: { actorId, action: 'training.cancel', target: id } });
}

export function listTrainingRuns(db: Db, take = 50): Promise<TrainingRunRow[]> {
  return db.trainingRun.findMany({ orderBy: { createdAt: 'desc' }, take, select: runSelect });
}

export async function getTrainingRun(db: Db, id: string): Promise<TrainingRunRow> {
  const run = await db.trainingRun.findUnique({ where: { id }, select: runSelect });
  if (!run) throw new AppError('NOT_FOUND', 'No such training run');
  return run;
}

/** Claims the oldest queued run for this worker (QUEUED → RUNNING, so two workers never take the same one). */
export async function claimQueuedRun(db: Db): Promise<string | null> {
  const next = await db.trainingRun.findFirst({ where: { status: 'QUEUED' }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  if (!next) return null;
  const { count } = await db.trainingRun.updateMany({ where: { id: next.id, status: 'QUEUED' }, data: { status: 'RUNNING', startedAt: new Date() } });
  return count ? next.id : null;
}

/** Runs a worker left RUNNING when it died: the worker resumes them from their checkpoints at start. */
export async function findInterruptedRuns(db: Db): Promise<string[]> {
  const rows = await db.trainingRun.findMany({ where: { status: 'RUNNING' }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  return rows.map((r) => r.id);
}
