import { CHANGE_CHANNELS, changeBus } from '../../shared/change-bus';

/** A click stored after the reader's cached profile was loaded: applied to it instead of reloading it. */
export interface RecentClick {
  articleId: string;
  clickedAt: Date;
}

interface ReaderChanges {
  epoch: number;
  /** Bumped by any change: rankings made before are stale. */
  generations: Map<string, number>;
  /** Bumped by changes a click patch cannot express (feedback, interests, accounts): profiles reload. */
  profileGenerations: Map<string, number>;
  /** Clicks since the last profile-level change, oldest first. */
  clicks: Map<string, RecentClick[]>;
  listening: boolean;
}

const stateKey = Symbol.for('lede.readerChanges');
/** Past this many clicks since a profile loaded, reloading is as cheap as patching. */
const MAX_PENDING_CLICKS = 20;

/**
 * Process-wide, not module-wide: a bundler may give the API's modules one copy per route (Next.js server
 * components and route handlers), and a click stored through one copy must reach the caches of all.
 */
const state = ((globalThis as { [stateKey]?: ReaderChanges })[stateKey] ??= {
  epoch: 0,
  generations: new Map<string, number>(),
  profileGenerations: new Map<string, number>(),
  clicks: new Map<string, RecentClick[]>(),
  listening: false,
});

function bump(readerIds: readonly string[], profiles: boolean) {
  if (state.generations.size > 100_000) {
    state.generations.clear();
    state.profileGenerations.clear();
    state.clicks.clear();
    state.epoch++;
  }
  for (const id of readerIds) {
    state.generations.set(id, (state.generations.get(id) ?? 0) + 1);
    if (!profiles) continue;
    state.profileGenerations.set(id, (state.profileGenerations.get(id) ?? 0) + 1);
    state.clicks.delete(id);
  }
}

function addClicks(readerId: string, clicks: readonly RecentClick[]) {
  const pending = [...(state.clicks.get(readerId) ?? []), ...clicks];
  if (pending.length > MAX_PENDING_CLICKS) return bump([readerId], true);
  bump([readerId], false);
  state.clicks.set(readerId, pending);
}

/** This process's stamps follow every process's changes (the change bus; Redis pub/sub when REDIS_URL is set). */
function listen() {
  if (state.listening) return;
  state.listening = true;
  changeBus().subscribe(CHANGE_CHANNELS.readers, (message) => bump(message.split(',').filter(Boolean), true));
  changeBus().subscribe(CHANGE_CHANNELS.clicks, (message) => {
    const { r, c } = JSON.parse(message) as { r: string; c: [string, number][] };
    addClicks(r, c.map(([articleId, ms]) => ({ articleId, clickedAt: new Date(ms) })));
  });
}

/**
 * Says that what ranking knows of these readers changed ("not interested", interests, an account merge or
 * deletion): cached profiles and rankings of theirs are stale from now on, in this process at once and in
 * the others as the change bus delivers (milliseconds on Redis; `PROFILE_TTL_MS` bounds it if a message is
 * lost).
 */
export function readerChanged(...readerIds: string[]): void {
  listen();
  changeBus().publish(CHANGE_CHANNELS.readers, readerIds.join(','));
}

/**
 * Says that a reader clicked (stored already): rankings of theirs are stale, but a cached profile is brought
 * up to date by adding the clicks (`ReaderProfileCache`) rather than reloaded from the database.
 */
export function readerClicked(readerId: string, clicks: readonly RecentClick[]): void {
  if (!clicks.length) return;
  listen();
  // The publisher hears its own message at once: this process's state holds the clicks before the listeners run.
  changeBus().publish(CHANGE_CHANNELS.clicks, JSON.stringify({ r: readerId, c: clicks.map((c) => [c.articleId, c.clickedAt.getTime()]) }));
  for (const listener of clickListeners) listener(readerId);
}

const clickListeners = new Set<(readerId: string) => void>();

/**
 * Calls `listener` with the reader's id after each click this process stored (not those other processes
 * stored), once the click is in this process's reader state. Returns the unsubscribe function.
 */
export function onClickStored(listener: (readerId: string) => void): () => void {
  clickListeners.add(listener);
  return () => clickListeners.delete(listener);
}

/** Changes with every change of the reader: a ranking made under another stamp is stale. */
export function readerStamp(readerId: string): string {
  listen();
  return `${state.epoch}.${state.generations.get(readerId) ?? 0}`;
}

/** Changes with the changes a profile cannot absorb as clicks: a profile loaded under another stamp is stale. */
export function profileStamp(readerId: string): string {
  listen();
  return `${state.epoch}.${state.profileGenerations.get(readerId) ?? 0}`;
}

/** Clicks since the last profile-level change, oldest first. */
export function clicksSince(readerId: string): readonly RecentClick[] {
  return state.clicks.get(readerId) ?? [];
}
