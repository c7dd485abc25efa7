import { type Db } from '@lede/db';
import { verifyModel } from '@lede/ranking/encoder';

import { AppError } from '../shared/errors';
import type { JobContext, JobPayloads, JobQueue } from '../jobs/types';
import { announceArticleChange } from '../newsroom/editorial/editorial-changes';
import { createLogger } from '../shared/logger';
import { embedMissingArticles, getEncoder, retainEncoders } from './embed-articles';
import { type EncoderConfig, encoderConfigFor, readModelsDir, type TEncoderDtype } from './config';
import { readProcessEnv } from '../shared/env';
import { completeEncoderSwitch, countCoverage, readRequestedEncoder, readServingEncoder, ZEncoderChoice } from './serving';
import { recordEncoderStatus } from './status';
import { deleteSetting, SETTING_KEYS, writeSetting } from '../shared/settings';

const log = createLogger('encoder');

export interface SwitchResult {
  encoderVersion: string;
  /**
   * The embed-articles job that fills in the vectors; null when the encoder already serves, or when no queue
   * was given (the worker's periodic embed-articles run picks the request up).
   */
  jobId: string | null;
  serving: boolean;
}

/**
 * Requests a switch of the serving encoder: verifies the model against the manifest (checksums included),
 * records the request and enqueues an `embed-articles` job for it. The feed keeps serving the current
 * encoder until every published article has a vector for the new one (see `runEmbedArticlesJob`).
 */
export async function switchEncoder(
  db: Db,
  queue: JobQueue | null,
  name: string,
  dtype: TEncoderDtype = 'q8',
  opts: { env?: NodeJS.ProcessEnv; actorId?: string | null } = {},
): Promise<SwitchResult> {
  const env = opts.env ?? readProcessEnv();
  try {
    await verifyModel(readModelsDir(env), name, dtype);
  } catch (err) {
    throw new AppError('BAD_REQUEST', err instanceof Error ? err.message : String(err));
  }
  const config = encoderConfigFor(name, dtype, env);
  if (!config) throw new AppError('BAD_REQUEST', `"${name}" is a test fixture: it serves only when LEDE_ENCODER names it`);
  const serving = await readServingEncoder(db, env);
  await db.auditLog.create({ data: { actorId: opts.actorId ?? null, action: 'encoder.switch', target: config.encoderVersion, details: { model: name, dtype } } });
  if (serving?.config.encoderVersion === config.encoderVersion) {
    await deleteSetting(db, SETTING_KEYS.requestedEncoder);
    return { encoderVersion: config.encoderVersion, jobId: null, serving: true };
  }
  await writeSetting(db, SETTING_KEYS.requestedEncoder, ZEncoderChoice, { model: name, dtype, encoderVersion: config.encoderVersion, at: new Date().toISOString() });
  const jobId = queue ? await queue.enqueue('embed-articles', { model: name, dtype }) : null;
  log.info('encoder switch requested', { encoderVersion: config.encoderVersion, jobId });
  return { encoderVersion: config.encoderVersion, jobId, serving: false };
}

export interface EmbedJobResult {
  servingVersion: string | null;
  embedded: number;
  /** The version a pending switch embedded for, and whether it now serves. */
  switch: { encoderVersion: string; embedded: number; completed: boolean } | null;
}

/**
 * The `embed-articles` job: vectors for new articles under the serving encoder, then for a pending switch
 * (progress `{ phase, encoderVersion, done, total }`), the flip once the switch is complete, and a status
 * report (the device the encoder really runs on, coverage) for the admin.
 */
export async function runEmbedArticlesJob(
  db: Db,
  data: JobPayloads['embed-articles'],
  ctx: Pick<JobContext, 'progress'>,
  env: NodeJS.ProcessEnv = readProcessEnv(),
): Promise<EmbedJobResult> {
  const serving = (await readServingEncoder(db, env))?.config ?? null;
  const progress = (phase: string, encoderVersion: string | null) => (done: number, total: number) => void ctx.progress({ phase, encoderVersion, done, total });
  const main = await embedMissingArticles(db, { config: serving, limit: data.limit, onProgress: progress('serving', serving?.encoderVersion ?? null) });

  let switched: EmbedJobResult['switch'] = null;
  let current = serving;
  let pending: EncoderConfig | null = null;
  const requested = await readRequestedEncoder(db, env);
  if (data.model && (requested?.choice.model !== data.model || requested.choice.dtype !== data.dtype)) {
    log.info('encoder switch superseded', { model: data.model, dtype: data.dtype, now: requested?.choice.encoderVersion ?? null });
  }
  if (requested && (!requested.config || requested.config.encoderVersion === serving?.encoderVersion)) {
    if (!requested.config) log.error('requested encoder is not installed; switch dropped', { ...requested.choice });
    await deleteSetting(db, SETTING_KEYS.requestedEncoder);
  } else if (requested?.config) {
    const target = requested.config;
    const run = await embedMissingArticles(db, { config: target, limit: data.limit, onProgress: progress('switch', target.encoderVersion) });
    const completed = await completeEncoderSwitch(db, requested.choice);
    switched = { encoderVersion: target.encoderVersion, embedded: run.embedded, completed };
    if (completed) current = target;
    else pending = target;
  }

  if (current) {
    const encoder = await getEncoder(current);
    await recordEncoderStatus(db, {
      model: current.model,
      dtype: current.dtype,
      device: encoder.info.device,
      encoderVersion: current.encoderVersion,
      coverage: await countCoverage(db, current.encoderVersion),
    });
  }
  await retainEncoders([current, pending].filter((c): c is EncoderConfig => c !== null));
  // Every reader process takes the new vectors in now rather than at its next periodic refresh.
  if (main.embedded || switched?.completed) await announceArticleChange(db, 'vectors');
  return { servingVersion: current?.encoderVersion ?? null, embedded: main.embedded, switch: switched };
}
