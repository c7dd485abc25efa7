import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@lede/db/env';

let secret: Buffer | undefined;

/**
 * The key that signs what Lede hands to browsers (anonymous reader ids). LEDE_SECRET when set (every process
 * of one deployment must share it); else `data/lede-secret`, created on first use with a random value and
 * readable by its owner only, so the embedded default needs no configuration and survives restarts.
 */
export function serverSecret(): Buffer {
  if (secret) return secret;
  const fromEnv = process.env.LEDE_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('LEDE_SECRET must be at least 32 characters');
    return (secret = Buffer.from(fromEnv));
  }
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
