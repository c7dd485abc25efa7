import { type Db, getDb, onDbClose } from '@lede/db';
import type { RetrievalBudget } from '@lede/ranking/retrieval';

import { apiEnv } from '../shared/env';
import { createLogger } from '../shared/logger';
import { CandidatePool } from './pool/candidate-pool';
import { createEditorialChangeSignal } from '../newsroom/editorial/editorial-changes';
import { createRankingCache, type FeedDeps, rankAhead } from './list';
import { ModelRouter } from '../model-versions/traffic-split';
import { createServingVersionReader } from '../encoders/serving';
import { onClickStored } from './profile/reader-changes';
import { ReaderProfileCache } from './profile/reader-profile';

/**
 * Long-lived state of one API process: the candidate pool and the model router. The pool re-reads the
 * serving encoder (database setting, else environment) on every refresh, and reader profiles use the
 * version of the vectors the pool holds, so an encoder switch takes effect without a restart.
 * `overrides.encoderVersion` pins a version (benchmarks, tests).
 */
export interface FeedOverrides {
  encoderVersion?: string | null;
  editorialPollMs?: number;
  /** Benchmarks: e.g. `wholeUpTo` past the window hands every article to ranking (no index search). */
  retrievalBudget?: Partial<RetrievalBudget>;
}

export function createFeedDeps(db: Db = getDb(), overrides: FeedOverrides = {}): FeedDeps {
  const pinned = overrides.encoderVersion;
  const pool = new CandidatePool(db, {
    days: apiEnv.LEDE_POOL_DAYS,
    size: apiEnv.LEDE_POOL_SIZE,
    refreshMs: apiEnv.LEDE_POOL_REFRESH_S * 1000,
    encoderVersion: pinned !== undefined ? () => pinned : createServingVersionReader(db),
    retrievalBudget: overrides.retrievalBudget,
    // Editorial changes, imports and new vectors in any process reach this pool at once (change bus) or within
    // a poll of the change counter, not LEDE_POOL_REFRESH_S.
    changes: createEditorialChangeSignal(db, { pollMs: overrides.editorialPollMs }),
  });
  const deps: FeedDeps = {
    db,
    log: createLogger('feed'),
    encoderVersion: () => pool.vectorVersion(),
    models: new ModelRouter(db),
    pool,
    profiles: new ReaderProfileCache(db, pool),
    rankings: createRankingCache(),
    ahead: new Map(),
    rankingConfig: { freshnessHalfLifeHours: apiEnv.LEDE_FRESHNESS_HALF_LIFE_H },
    stop: () => {
      pool.stopWatching();
      stopRankingAhead();
    },
  };
  const stopRankingAhead = apiEnv.LEDE_RANK_AHEAD === 'on' ? onClickStored((readerId) => rankAhead(deps, readerId)) : () => undefined;
  onDbClose(db, deps.stop);
  return deps;
}

const depsByDb = new WeakMap<Db, FeedDeps>();

/** Replaces the feed dependencies for `db` (benchmarks and tests that bring their own vectors). */
export function configureFeed(db: Db, overrides: FeedOverrides): FeedDeps {
  depsByDb.get(db)?.stop();
  const deps = createFeedDeps(db, overrides);
  depsByDb.set(db, deps);
  return deps;
}

/** One set of feed dependencies per database client (one in production; one per test database). */
export function feedDepsFor(db: Db): FeedDeps {
  let deps = depsByDb.get(db);
  if (!deps) depsByDb.set(db, (deps = createFeedDeps(db)));
  return deps;
}
