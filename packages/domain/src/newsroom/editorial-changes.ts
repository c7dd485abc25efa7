import crypto from 'node:crypto';

import { Redis } from 'ioredis';

import { type Db } from '@lede/db';

import { apiEnv } from '../shared/env';
import { createLogger } from '../shared/logger';
import { SETTING_KEYS } from '../shared/settings';

const log = createLogger('editorial-changes');
const CHANNEL = 'lede:editorial';
const key = SETTING_KEYS.editorialVersion;

/**
 * The change counter's new value, written in the same transaction as an editorial change (hide, pin, boost,
 * re-categorise): every API process compares it with the value it last saw.
 */
export function bumpEditorialVersion(db: Db) {
  const value = { id: crypto.randomUUID() };
  return db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

let publisher: Redis | null = null;

/**
 * After the change committed: tells every process at once through Redis when REDIS_URL is set. Best effort:
 * the counter in the database is polled anyway, so a lost message costs a second, not a stale feed.
 */
export async function announceEditorialChange(redisUrl = apiEnv.REDIS_URL): Promise<void> {
  if (!redisUrl) return;
  publisher ??= new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false, lazyConnect: true });
  try {
    if (publisher.status === 'wait') await publisher.connect();
    await publisher.publish(CHANNEL, '1');
  } catch (err) {
    log.warn('could not announce an editorial change on Redis; other processes see it at their next poll', { err });
  }
}

/** Whether an editorial change was committed since the last call that answered true. */
export interface ChangeSignal {
  hasChanged(): Promise<boolean>;
  /**
   * Calls `onChange` (awaited, never twice at once) after each change, checking every `pollMs` on an unref'd
   * timer and at once on a Redis message: off the request path, so a request never waits for the check.
   */
  watch(onChange: () => Promise<void>): () => void;
}

export interface ChangeSignalOptions {
  /** The counter is read this often; without Redis this is the delay before a change is seen. */
  pollMs?: number;
  redisUrl?: string;
}

/**
 * Editorial changes for one process. The counter is a primary-key lookup every `pollMs` (1 s); with Redis a
 * subscriber reacts as soon as a change is announced, and the poll (every 10 s then) only covers a lost message.
 */
export function createEditorialChangeSignal(db: Db, opts: ChangeSignalOptions = {}): ChangeSignal {
  const redisUrl = opts.redisUrl ?? apiEnv.REDIS_URL;
  const pollMs = opts.pollMs ?? (redisUrl ? 10_000 : 1_000);
  let seen: string | null | undefined;
  let checkedAt = 0;
  let announced = false;
  let onAnnounce: (() => void) | null = null;
  if (redisUrl) {
    const sub = new Redis(redisUrl, { maxRetriesPerRequest: null, connectTimeout: 2000 });
    let warned = false;
    sub.on('error', (err: unknown) => {
      if (!warned) log.warn('editorial change subscriber: Redis unreachable; polling the database until it is back', { err });
      warned = true;
    });
    sub.on('ready', () => (warned = false));
    sub.on('message', () => {
      announced = true;
      onAnnounce?.();
    });
    void sub.subscribe(CHANNEL).catch((err: unknown) => log.warn('cannot subscribe to editorial changes; polling the database', { err }));
  }
  const signal: ChangeSignal = {
    async hasChanged() {
      const now = Date.now();
      if (!announced && now - checkedAt < pollMs) return false;
      checkedAt = now;
      announced = false;
      const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
      const current = row ? JSON.stringify(row.value) : null;
      // The first read counts as a change: something may have changed since the pool loaded.
      const changed = current !== seen;
      seen = current;
      return changed;
    },
    watch(onChange) {
      let running = false;
      let failing = false;
      const check = async () => {
        if (running) return;
        running = true;
        try {
          if (await signal.hasChanged()) await onChange();
          failing = false;
        } catch (err) {
          // Once per outage, not once a second.
          if (!failing) log.warn('checking for editorial changes failed; retrying every poll', { err });
          failing = true;
        } finally {
          running = false;
        }
      };
      onAnnounce = () => void check();
      const timer = setInterval(() => void check(), pollMs);
      timer.unref();
      return () => {
        clearInterval(timer);
        onAnnounce = null;
      };
    },
  };
  return signal;
}
