import crypto from 'node:crypto';
import os from 'node:os';

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

/**
 * How long a worker's claim on a run holds without renewal. The worker renews it every third of this while it
 * trains; a worker killed mid-run stops renewing, and another may resume the run once the lease has lapsed.
 */
export const RUN_LEASE_MS = 60_000;

const leaseFrom = (now: Date) => new Date(now.getTime() + RUN_LEASE_MS);

/**
 * Claims the oldest queued run (QUEUED → RUNNING, so two workers never take the same one), with a lease but no
 * owner yet: whichever worker's `train` job starts it becomes the owner (acquireRunLease).
 */
export async function claimQueuedRun(db: Db, now = new Date()): Promise<string | null> {
  const next = await db.trainingRun.findFirst({ where: { status: 'QUEUED' }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  if (!next) return null;
  const { count } = await db.trainingRun.updateMany({ where: { id: next.id, status: 'QUEUED' }, data: { status: 'RUNNING', startedAt: now, ownerId: null, leaseUntil: leaseFrom(now) } });
  return count ? next.id : null;
}

/**
 * Runs left RUNNING by a worker that died (their lease lapsed, or none was ever taken), each claimed for this
 * caller with a conditional update: of two workers looking at once, only one gets a given run.
 */
export async function claimAbandonedRuns(db: Db, now = new Date()): Promise<string[]> {
  const lapsed = { status: 'RUNNING' as const, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const rows = await db.trainingRun.findMany({ where: lapsed, orderBy: { createdAt: 'asc' }, select: { id: true } });
  const claimed: string[] = [];
  for (const { id } of rows) {
    const { count } = await db.trainingRun.updateMany({ where: { id, ...lapsed }, data: { ownerId: null, leaseUntil: leaseFrom(now) } });
    if (count) claimed.push(id);
  }
  return claimed;
}

/**
 * Makes `ownerId` the run's owner before it executes: free when nobody owns it, when the owner is this worker,
 * or when the owner's lease lapsed. False means another worker is executing it (a duplicate job): skip it.
 */
export async function acquireRunLease(db: Db, runId: string, ownerId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.trainingRun.updateMany({
    where: { id: runId, status: 'RUNNING', OR: [{ ownerId: null }, { ownerId }, { leaseUntil: { lt: now } }] },
    data: { ownerId, leaseUntil: leaseFrom(now) },
  });
  return count > 0;
}

/** Extends the owner's lease; false when the run is no longer this worker's (finished, cancelled or taken over). */
export async function renewRunLease(db: Db, runId: string, ownerId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.trainingRun.updateMany({ where: { id: runId, ownerId, status: 'RUNNING' }, data: { leaseUntil: leaseFrom(now) } });
  return count > 0;
}

/** Who this process is, as a run's owner. */
export function createWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * Executes a RUNNING run under this worker's lease, renewing it while the run trains; 'held-elsewhere' when
 * another worker owns it. `execute` is the training itself (executeTrainingRun).
 */
export async function executeUnderLease<T>(db: Db, runId: string, ownerId: string, execute: () => Promise<T>): Promise<T | 'held-elsewhere'> {
  if (!(await acquireRunLease(db, runId, ownerId))) return 'held-elsewhere';
  const timer = setInterval(() => void renewRunLease(db, runId, ownerId).catch(() => undefined), RUN_LEASE_MS / 3);
  try {
    return await execute();
  } finally {
    clearInterval(timer);
  }
}
