import { type Db } from '@lede/db';
import { executionDevices } from '@lede/ranking/encoder';
import { z } from 'zod';

import { ZEncoderDtype } from './config';
import { readProcessEnv } from '../shared/env';
import { countCoverage, readRequestedEncoder, readServingEncoder } from './serving';
import { readSetting, SETTING_KEYS, writeSetting } from '../shared/settings';

const ZCoverage = z.object({ published: z.number().int(), withVector: z.number().int() });

/** What the worker reports after each embedding run. */
export const ZWorkerEncoderStatus = z.object({
  model: z.string(),
  dtype: ZEncoderDtype,
  /** The device the encoder actually runs on, after any GPU → CPU fallback. */
  device: z.enum(executionDevices),
  encoderVersion: z.string(),
  coverage: ZCoverage,
  reportedAt: z.date(),
});
export type TWorkerEncoderStatus = z.infer<typeof ZWorkerEncoderStatus>;
const ZStoredStatus = ZWorkerEncoderStatus.extend({ reportedAt: z.iso.datetime() });

export const ZSystemStatus = z.object({
  encoder: z.object({
    serving: z.object({ model: z.string(), dtype: ZEncoderDtype, encoderVersion: z.string(), source: z.enum(['setting', 'env']), coverage: ZCoverage }).nullable(),
    /** A switch waiting for its vectors: `coverage` is its progress. */
    requested: z.object({ model: z.string(), dtype: ZEncoderDtype, encoderVersion: z.string(), requestedAt: z.string(), installed: z.boolean(), coverage: ZCoverage }).nullable(),
    worker: ZWorkerEncoderStatus.nullable(),
  }),
});
export type TSystemStatus = z.infer<typeof ZSystemStatus>;

export async function recordEncoderStatus(db: Db, status: Omit<TWorkerEncoderStatus, 'reportedAt'>): Promise<void> {
  await writeSetting(db, SETTING_KEYS.encoderStatus, ZStoredStatus, { ...status, reportedAt: new Date().toISOString() });
}

/** The encoder the feed serves with, a pending switch with live coverage, and the worker's last report. */
export async function readSystemStatus(db: Db, env: NodeJS.ProcessEnv = readProcessEnv()): Promise<TSystemStatus> {
  const [serving, requested, worker] = await Promise.all([
    readServingEncoder(db, env),
    readRequestedEncoder(db, env),
    readSetting(db, SETTING_KEYS.encoderStatus, ZStoredStatus),
  ]);
  return {
    encoder: {
      serving: serving && {
        model: serving.config.model,
        dtype: serving.config.dtype,
        encoderVersion: serving.config.encoderVersion,
        source: serving.source,
        coverage: await countCoverage(db, serving.config.encoderVersion),
      },
      requested: requested && {
        model: requested.choice.model,
        dtype: requested.choice.dtype,
        encoderVersion: requested.choice.encoderVersion,
        requestedAt: requested.choice.at,
        installed: requested.config !== null,
        coverage: await countCoverage(db, requested.choice.encoderVersion),
      },
      worker: worker && { ...worker.value, reportedAt: new Date(worker.value.reportedAt) },
    },
  };
}
