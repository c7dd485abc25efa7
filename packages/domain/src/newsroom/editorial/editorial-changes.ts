import crypto from 'node:crypto';

import { type Db } from '@lede/db';

import { type ChangeBus, CHANGE_CHANNELS, changeBus } from '../../shared/change-bus';
import { apiEnv } from '../../shared/env';
import { createLogger } from '../../shared/logger';
import { SETTING_KEYS } from '../../shared/settings';
import { SECOND_MS } from '../../shared/time';

const log = createLogger('editorial-changes');
const key = SETTING_KEYS.editorialVersion;

/**
 * Article changes reach every API process's candidate pool by two paths, one mechanism:
 * - the change bus (`CHANGE_CHANNELS.articles`): at once, but best effort: Redis pub/sub delivers at most once
 *   and only to processes connected at that moment, and without REDIS_URL the bus is in-process only, so the
 *   admin's changes would never reach the reader app's process;
 * - the change counter (a setting written in the same transaction as an editorial change): durable, read by
 *   every process every `pollMs`, so a lost or undeliverable message costs one poll interval, not a stale feed.
 * A pool watches one `ChangeSignal`, which fires on either.
 */

/**
 * The change counter's new value, written in the same transaction as an editorial change (hide, pin, boost,
 * re-categorise): every API process compares it with the value it last saw.
 */
export function bumpEditorialVersion(db: Db) {
  const value = { id: crypto.randomUUID() };
  return db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** After an editorial change committed (with its counter bump): tells every process at once on the change bus. */
export function announceEditorialChange(): void {
  changeBus().publish(CHANGE_CHANNELS.articles, 'editorial');
}

/**
 * After articles changed outside an editorial transaction (an import, new vectors): moves the counter and
 * tells every process on the bus. Best effort: the pools' periodic refresh picks the change up anyway.
 */
export async function announceArticleChange(db: Db, reason: 'import' | 'vectors'): Promise<void> {
  try {
    await bumpEditorialVersion(db);
  } catch (err) {
    log.warn('could not move the change counter; processes off the bus see the change at their next refresh', { reason, err });
  }
  changeBus().publish(CHANGE_CHANNELS.articles, reason);
}

/** Whether an article change was committed or announced since the last call that answered true. */
export interface ChangeSignal {
  hasChanged(): Promise<boolean>;
  /**
   * Calls `onChange` (awaited, never twice at once) after each change, checking every `pollMs` on an unref'd
   * timer and at once on a bus message: off the request path, so a request never waits for the check.
   */
  watch(onChange: () => Promise<void>): () => void;
}

export interface ChangeSignalOptions {
  /** The counter is read this often: the bound on staleness when a bus message is lost or cannot arrive. */
  pollMs?: number;
  /** The bus whose `articles` channel announces changes (the process's bus by default). */
  bus?: ChangeBus;
}

/**
 * Article changes for one process. The counter is a primary-key lookup every `pollMs` (1 s without Redis,
 * where it is the only path between processes; 10 s with Redis, where it only covers a lost message); a bus
 * message (an editorial change, an import, new vectors, from any process) is a change at once.
 */
export function createEditorialChangeSignal(db: Db, opts: ChangeSignalOptions = {}): ChangeSignal {
  const pollMs = opts.pollMs ?? (apiEnv.REDIS_URL ? 10 * SECOND_MS : SECOND_MS);
  const bus = opts.bus ?? changeBus();
  let seen: string | null | undefined;
  let checkedAt = 0;
  let announced = false;
  let onAnnounce: (() => void) | null = null;
  const unsubscribe = bus.subscribe(CHANGE_CHANNELS.articles, () => {
    announced = true;
    onAnnounce?.();
  });
  const signal: ChangeSignal = {
    async hasChanged() {
      const now = Date.now();
      if (!announced && now - checkedAt < pollMs) return false;
      checkedAt = now;
      const heard = announced;
      announced = false;
      const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
      const current = row ? JSON.stringify(row.value) : null;
      // The first read counts as a change: something may have changed since the pool loaded. A message counts
      // whether or not the counter moved (the counter may already have been read after it moved).
      const changed = heard || current !== seen;
      seen = current;
      return changed;
    },
    watch(onChange) {
      let running = false;
      let again = false;
      let failing = false;
      const check = async () => {
        if (running) {
          // A message during a check (or a refresh it started) is checked right after it, not at the next poll.
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            if (await signal.hasChanged()) await onChange();
          } while (again);
          failing = false;
        } catch (err) {
          // Once per outage, not once a second.
          if (!failing) log.warn('checking for article changes failed; retrying every poll', { err });
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
        unsubscribe();
      };
    },
  };
  return signal;
}
