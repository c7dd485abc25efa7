import crypto from 'node:crypto';

import { type Db } from '@lede/db';
import { type RankContext, rankByFreshnessPopularity, rankCandidates, type RankedItem, type RankingConfig, ReaderMemo } from '@lede/ranking';

import { AppError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { CandidatePool, PoolArticle, PoolSnapshot } from './pool/candidate-pool';
import { type ModelRouter, rankingConfigForVersion } from '../model-versions/traffic-split';
import { addFollowedCandidates, computeFollowedQuota, reserveFollowedShare } from './followed-share';
import { type LoadedProfile, type ReaderProfileCache, readerStamp, StampedCache } from './profile/reader-profile';
import { retrieveCandidates } from './pool/retrieval';
import { servedLog } from './session/served-log';
import { dropMutedAhead } from './session/not-interested';
import { decodeCursor, encodeCursor, type RankedRequest, type Ranking, recall, remember, shownIn } from './session/requests';
import { startVisit } from './session/visits';

export interface FeedDeps {
  db: Db;
  pool: CandidatePool;
  profiles: ReaderProfileCache;
  /** Rankings made and being made (a request arriving meanwhile waits for the one in progress). */
  rankings: StampedCache<Promise<Ranking>>;
  /**
   * Rankings ahead by reader (`rankAhead`), scheduled or in progress; `waited`: a request of that reader waits
   * for it (it stops giving way to other requests).
   */
  ahead: Map<string, { done: Promise<void>; waited: boolean }>;
  models: ModelRouter;
  log: Logger;
  encoderVersion: () => string | null;
  rankingConfig?: Partial<RankingConfig>;
  now?: () => Date;
  /** Stops what these dependencies watch: the pool's change signals, and clicks to rank ahead after. */
  stop: () => void;
}

export interface FeedInput {
  cursor?: string | null;
  limit: number;
  category?: string | null;
}

export interface FeedItem {
  article: PoolArticle;
  position: number;
  ranked: RankedItem;
  /** The reader opened it before: it comes after the unread stories. */
  read: boolean;
}

/**
 * Rankings by reader, category tab and model version, reused by the reader's next feed requests while
 * nothing they depend on changed: the same reader state (`readerStamp`: clicks, "not interested",
 * interests), the same encoder, no editorial decision or full reload of the pool since (`generation`), and for
 * at most `PROFILE_TTL_MS` (freshness and popularity drift, arrivals and other processes' writes must show up;
 * stories that left the window are dropped when a page is served). A reader who reloads the
 * feed, or many readers at once, then costs a lookup instead of a ranking of the whole pool. A ranking holds
 * FEED_DEPTH items (a few hundred bytes each): 2,000 bound the cache near 100 MB.
 */
export function createRankingCache(): StampedCache<Promise<Ranking>> {
  return new StampedCache<Promise<Ranking>>(2_000);
}

/**
 * How many ranked items a request holds at once (15 pages of 20). Scrolling past them ranks the rest of the
 * pool minus what the request already holds: a ranking kept in full for every open feed would hold the
 * whole pool per request in memory, and rarely is it read past the first pages.
 */
export const FEED_DEPTH = 300;

/** The reader app's page size: the unit in which followed sections are guaranteed their share. */
export const FEED_PAGE_SIZE = 20;

export async function listFeed(deps: FeedDeps, readerId: string, input: FeedInput) {
  const now = deps.now?.() ?? new Date();
  let requestId: string;
  let offset = 0;
  let req: RankedRequest | undefined;
  if (input.cursor) {
    ({ requestId, offset } = decodeCursor(input.cursor));
    req = recall(requestId);
    if (req && req.readerId !== readerId) throw new AppError('BAD_REQUEST', 'Cursor belongs to another reader');
    if (req) await dropMutedAhead(deps, req, offset - req.base).catch((err: unknown) => deps.log.error('reading "not interested" failed; page served as ranked', { readerId, err }));
    // The ranking was evicted, the server restarted, or another process served the earlier pages: rank again,
    // minus what this request already showed (its impressions, and the cards the served log holds).
    const shown = req ? null : await Promise.all([
      shownIn(deps.db, requestId, readerId).catch((err: unknown) => {
        deps.log.error('reading the request’s impressions failed; ranking again without them', { readerId, err });
        return new Set<string>();
      }),
      servedLog.cards(requestId, readerId),
    ]).then(([seen, served]) => new Set([...seen, ...served]));
    req ??= {
      ...(await rankFor(deps, readerId, input.category ?? null, now, shown ?? new Set())),
      base: offset,
      shownBefore: shown ?? new Set(),
      newSince: null,
    };
  } else {
    requestId = crypto.randomUUID();
    // The database down must not cost the feed: a visit that cannot be read or written marks nothing as new.
    const visit = startVisit(deps.db, readerId, now).catch((err: unknown) => {
      deps.log.error('recording the visit failed; nothing marked new', { readerId, err });
      return null;
    });
    const [ranked, newSince] = await Promise.all([rankFor(deps, readerId, input.category ?? null, now, new Set()), visit]);
    req = { ...ranked, base: 0, shownBefore: new Set(), newSince };
  }
  remember(requestId, req);

  const start = offset - req.base;
  if (!req.complete && start + input.limit >= req.items.length) {
    const rest = await rankFor(deps, readerId, req.category, now, new Set([...req.shownBefore, ...req.items.map((i) => i.articleId)]));
    req.items = [...req.items, ...rest.items];
    req.complete = rest.complete;
  }
  const page = req.items.slice(start, start + input.limit);
  const items: FeedItem[] = [];
  page.forEach((ranked, i) => {
    const article = deps.pool.get(ranked.articleId);
    if (article) items.push({ article, ranked, position: offset + i, read: req.read.has(article.id) });
  });
  await servedLog.record(requestId, readerId, req.modelVersion, items.map((i) => ({ articleId: i.ranked.articleId, position: i.position, score: i.ranked.score })));
  // No impressions here: the reader app reports the cards actually seen through feed.seen (recordSeen).
  const more = start + input.limit < req.items.length;
  return {
    requestId,
    modelVersion: req.modelVersion,
    fallback: req.fallback,
    newSince: req.newSince,
    items,
    nextCursor: more ? encodeCursor(requestId, offset + items.length) : null,
  };
}

/**
 * Why `articleId` is in the reader's feed: its ranked item (score components, the history behind it) from the
 * request that served it, else from the reader's current ranking; null when neither holds it any more.
 */
export async function findExplanation(deps: FeedDeps, readerId: string, requestId: string, articleId: string) {
  // Picks up editorial changes first: a story hidden since it was served has no explanation but that.
  await deps.pool.prepared();
  const req = recall(requestId);
  let item = req?.readerId === readerId ? req.items.find((i) => i.articleId === articleId) : undefined;
  let titles = req?.titles ?? new Map<string, string>();
  if (!item) {
    const current = await rankFor(deps, readerId, null, deps.now?.() ?? new Date(), new Set());
    item = current.items.find((i) => i.articleId === articleId);
    titles = current.titles;
  }
  const article = deps.pool.get(articleId);
  return item && article ? { article, ranked: item, titles } : null;
}

/** `ahead`: ranking ahead of a request (`rankAhead`), not for one: its lookup is not counted as a miss. */
async function rankFor(deps: FeedDeps, readerId: string, category: string | null, now: Date, exclude: Set<string>, ahead = false): Promise<Ranking> {
  // Inside the feed's fallback: a pool that cannot refresh serves what it holds (empty before its first load).
  const prepared = deps.pool.prepared().catch((err: unknown) => {
    deps.log.error('candidate pool refresh failed; serving the pool in memory', { err });
    return deps.pool.current();
  });
  // A ranking ahead of this reader's return (after a click) is in progress: its result is what this request wants.
  const inProgress = !ahead && !category && !exclude.size ? deps.ahead.get(readerId) : undefined;
  if (inProgress) {
    inProgress.waited = true;
    await inProgress.done;
  }
  const [pool, modelVersion] = await Promise.all([prepared, deps.models.versionFor(readerId)]);
  // A re-ranking that leaves out what a request already showed is particular to that request.
  if (exclude.size) return rankAfresh(deps, pool, readerId, category, modelVersion, now, exclude);
  const key = rankingKey(readerId, category, modelVersion);
  const made = [readerStamp(readerId), deps.encoderVersion(), pool.generation];
  const cached = deps.rankings.get(key, made, !ahead);
  if (cached) return { ...(await cached), createdAt: Date.now() };
  const ranking = rankAfresh(deps, pool, readerId, category, modelVersion, now, exclude, ahead);
  deps.rankings.set(key, made, ranking);
  // The fallback (ranking failed) is served, not kept: the next request tries again.
  const forget = () => deps.rankings.forget(key, ranking);
  void ranking.then((r) => r.fallback && forget(), forget);
  return ranking;
}

function rankingKey(readerId: string, category: string | null, modelVersion: string): string {
  return `${readerId}\n${category ?? ''}\n${modelVersion}`;
}

/**
 * Ranks "For you" again for a reader whose click this process just stored, when it served them "For you"
 * within `PROFILE_TTL_MS` (so they are likely back soon): they read the story they clicked meanwhile, and the
 * feed they come back to is a lookup instead of a ranking. Starts once the click's own request is answered; a
 * feed request of theirs that arrives before it is done waits for it (`deps.ahead`) rather than ranking too.
 */
export function rankAhead(deps: FeedDeps, readerId: string): void {
  const after = deps.ahead.get(readerId)?.done ?? Promise.resolve();
  const entry = { done: Promise.resolve(), waited: false };
  entry.done = after
    .then(() => new Promise((resolve) => setImmediate(resolve)))
    .then(async () => {
      const modelVersion = await deps.models.versionFor(readerId);
      if (deps.rankings.has(rankingKey(readerId, null, modelVersion))) await rankFor(deps, readerId, null, deps.now?.() ?? new Date(), new Set(), true);
    })
    .catch((err: unknown) => deps.log.error('ranking ahead after a click failed; the next feed request ranks', { readerId, err }))
    .finally(() => {
      if (deps.ahead.get(readerId) === entry) deps.ahead.delete(readerId);
    });
  deps.ahead.set(readerId, entry);
}

async function rankAfresh(
  deps: FeedDeps,
  pool: PoolSnapshot,
  readerId: string,
  category: string | null,
  modelVersion: string,
  now: Date,
  exclude: Set<string>,
  ahead = false,
): Promise<Ranking> {
  const context = { now, hour: now.getHours(), category };
  const encoderVersion = deps.encoderVersion();
  // Later pages of an infinite scroll are slices of this one ranking (FEED_DEPTH items, then the rest).
  try {
    const config = { ...deps.rankingConfig, ...(await rankingConfigForVersion(deps.db, modelVersion)), limit: FEED_DEPTH };
    const profile = await deps.profiles.get(readerId, encoderVersion);
    const hidden = category ? [] : profile.hiddenSections;
    const seen = exclude.size ? new Set([...profile.seen, ...exclude]) : profile.seen;
    const rankingProfile = { ...profile, seen, categoryCentroids: deps.pool.centroids() };
    // The user vector, the reader's facts and each candidate's scores, computed once for this request's
    // retrievals and rankings ("For you", then each followed section that needs its own).
    const memo = new ReaderMemo(rankingProfile, context.now, context.hour);
    // A ranking ahead is background work: between its parts (~3–12 ms each at 10k) requests waiting go first,
    // until the reader's own request waits for it.
    const pause = () => (ahead && !deps.ahead.get(readerId)?.waited ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined);
    await pause();
    // The ranking model scores a few hundred candidates retrieved from the whole window (nearest to the
    // reader, popular, fresh, followed, pinned), never the window itself; hidden sections are not retrieved.
    const candidates = retrieveCandidates(pool, rankingProfile, context, config, { exclude, hiddenSections: hidden }, memo);
    await pause();
    const ranked = rankCandidates(rankingProfile, candidates, context, config, memo);
    const followed = category ? [] : profile.interests.filter((s) => !hidden.includes(s));
    const quota = computeFollowedQuota(followed.length, FEED_PAGE_SIZE);
    const sectionOf = (i: RankedItem) => deps.pool.get(i.articleId)?.category ?? '';
    // Followed sections get their own candidates (retrieved and ranked for that section), then their share of every page.
    const withFollowed = await addFollowedCandidates(ranked, sectionOf, followed, (quota * FEED_DEPTH) / FEED_PAGE_SIZE, async (section, limit) => {
      await pause();
      const sectionContext = { ...context, category: section };
      return rankCandidates(rankingProfile, retrieveCandidates(pool, rankingProfile, sectionContext, config, { exclude }, memo), sectionContext, { ...config, limit }, memo);
    });
    const unread = reserveFollowedShare(withFollowed, sectionOf, followed, FEED_PAGE_SIZE, quota);
    const complete = isComplete(ranked.length, candidates.exhausted);
    // A section never runs dry: once the unread stories are all ranked, the read ones follow, newest first.
    const items = complete ? [...unread, ...rankRead(deps.pool, profile, { exclude, hidden, category }, context, deps.rankingConfig)] : unread;
    return { readerId, category, modelVersion, fallback: false, items, complete, titles: profile.titles, read: profile.read, createdAt: Date.now() };
  } catch (err) {
    // A reader never sees a 500 for the feed: rank by freshness and popularity, and say so in the log.
    deps.log.error('ranking failed; serving freshness + popularity', { readerId, err });
    const candidates = pool.retrieve({ userVector: null, category, exclude, now });
    const items = rankByFreshnessPopularity([...candidates.items], context, { ...deps.rankingConfig, limit: FEED_DEPTH });
    return { readerId, category, modelVersion, fallback: true, items, complete: isComplete(items.length, candidates.exhausted), titles: new Map(), read: new Set<string>(), createdAt: Date.now() };
  }
}

/**
 * Whether scrolling on can find nothing more: the candidates were the whole eligible window and the ranking
 * kept fewer than FEED_DEPTH of them, or a retrieval (which excludes what the request holds) found nothing.
 */
function isComplete(ranked: number, exhausted: boolean): boolean {
  return ranked === 0 || (exhausted && ranked < FEED_DEPTH);
}

/** The reader's read stories still in the window (not muted, not hidden, not yet shown, in the tab), newest first. */
function rankRead(
  pool: Pick<CandidatePool, 'get'>,
  profile: LoadedProfile,
  filter: { exclude: ReadonlySet<string>; hidden: readonly string[]; category: string | null },
  context: RankContext,
  config?: Partial<RankingConfig>,
): RankedItem[] {
  const muted = new Set(profile.notInterested.map((n) => n.articleId));
  // From the reader's read set (up to 1,000), not a pass over the window.
  const read = [...profile.read].flatMap((id) => {
    const c = pool.get(id);
    return c && !muted.has(c.id) && !filter.exclude.has(c.id) && !filter.hidden.includes(c.category) ? [c] : [];
  });
  const freshnessOnly = { semantic: 0, freshness: 1, popularity: 0, category: 0 };
  return rankByFreshnessPopularity(read, { ...context, category: filter.category }, { ...config, weights: freshnessOnly, limit: read.length });
}
