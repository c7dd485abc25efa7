import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@lede/db/env';

import { apiEnv } from './env';

let secret: Buffer | undefined;

/**
 * The key that signs what Lede hands to browsers (anonymous reader ids). LEDE_SECRET when set (every process
 * of one deployment must share it); else `data/lede-secret`, created on first use with a random value and
 * readable by its owner only, so the embedded default needs no configuration and survives restarts.
 */
export function serverSecret(): Buffer {
  if (secret) return secret;
  // Checked for length (at least 32 characters) with the rest of the environment (shared/env.ts).
  if (apiEnv.LEDE_SECRET) return (secret = Buffer.from(apiEnv.LEDE_SECRET));
  const file = path.join(repoRoot, 'data', 'lede-secret');
  try {
    secret = Buffer.from(fs.readFileSync(file, 'utf8').trim());
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // `wx`: two processes starting together keep whichever file was written first.
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    secret = Buffer.from(fs.readFileSync(file, 'utf8').trim());
  }
  return secret;
}
