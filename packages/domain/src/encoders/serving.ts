import { type Db } from '@lede/db';
import { z } from 'zod';

import { createLogger } from '../shared/logger';
import { type EncoderConfig, encoderConfigFor, readEncoderConfig, ZEncoderDtype } from './config';
import { readProcessEnv } from '../shared/env';
import { deleteSetting, readSetting, SETTING_KEYS, writeSetting } from '../shared/settings';

const log = createLogger('encoder');

export const ZEncoderChoice = z.object({
  model: z.string(),
  dtype: ZEncoderDtype,
  encoderVersion: z.string(),
  /** ISO time the choice was made. */
  at: z.string(),
});
export type TEncoderChoice = z.infer<typeof ZEncoderChoice>;

export interface ServingEncoder {
  config: EncoderConfig;
  /** `setting`: chosen with models:use / switchEncoder; `env`: LEDE_ENCODER or the manifest default. */
  source: 'setting' | 'env';
}

export interface VectorCoverage {
  published: number;
  /** Published articles that have a vector for the encoder version. */
  withVector: number;
}

/**
 * The encoder the feed serves with: the one stored in the database by a completed switch, else the one the
 * environment names. A stored encoder that is no longer installed falls back to the environment (logged).
 */
export async function readServingEncoder(db: Db, env: NodeJS.ProcessEnv = readProcessEnv()): Promise<ServingEncoder | null> {
  const stored = await readSetting(db, SETTING_KEYS.servingEncoder, ZEncoderChoice);
  if (stored) {
    const config = encoderConfigFor(stored.value.model, stored.value.dtype, env);
    if (config) return { config, source: 'setting' };
    log.warn('stored serving encoder is not installed; using the environment', { ...stored.value });
  }
  const config = readEncoderConfig(env);
  return config ? { config, source: 'env' } : null;
}

/** A pending switch, with its config (null when the requested model has since gone from the manifest). */
export async function readRequestedEncoder(db: Db, env: NodeJS.ProcessEnv = readProcessEnv()): Promise<{ choice: TEncoderChoice; config: EncoderConfig | null } | null> {
  const stored = await readSetting(db, SETTING_KEYS.requestedEncoder, ZEncoderChoice);
  return stored ? { choice: stored.value, config: encoderConfigFor(stored.value.model, stored.value.dtype, env) } : null;
}

export async function countCoverage(db: Db, encoderVersion: string): Promise<VectorCoverage> {
  const [published, withVector] = await Promise.all([
    db.article.count({ where: { status: 'PUBLISHED' } }),
    db.article.count({ where: { status: 'PUBLISHED', vectors: { some: { encoderVersion } } } }),
  ]);
  return { published, withVector };
}

/**
 * Makes the requested encoder the serving one once every published article has a vector for it, so the feed
 * never serves a half-embedded version. Returns whether it flipped.
 */
export async function completeEncoderSwitch(db: Db, requested: TEncoderChoice): Promise<boolean> {
  const coverage = await countCoverage(db, requested.encoderVersion);
  if (coverage.withVector < coverage.published) return false;
  await writeSetting(db, SETTING_KEYS.servingEncoder, ZEncoderChoice, { ...requested, at: new Date().toISOString() });
  await deleteSetting(db, SETTING_KEYS.requestedEncoder);
  log.info('serving encoder switched', { encoderVersion: requested.encoderVersion, articles: coverage.published });
  return true;
}

/**
 * The serving version for a long-lived process (the candidate pool asks on every refresh, so a switch
 * reaches the feed without a restart). A failed lookup keeps the last known version.
 */
export function createServingVersionReader(db: Db, env: NodeJS.ProcessEnv = readProcessEnv()): () => Promise<string | null> {
  let last: string | null | undefined;
  return async () => {
    try {
      last = (await readServingEncoder(db, env))?.config.encoderVersion ?? null;
    } catch (err) {
      log.error('reading the serving encoder failed', { err });
      last ??= readEncoderConfig(env)?.encoderVersion ?? null;
    }
    return last;
  };
}
