import { type Db } from '@lede/db';
import { bytesToVector, type HistoryItem, type ReaderProfile, SHOWN_LIMIT, type ShownItem } from '@lede/ranking';

import { PROFILE_TTL_MS, StampedCache } from '../../shared/caches';
import { readEntityIds } from '../../shared/entity-ids';
import type { CandidatePool } from '../pool/candidate-pool';
import { clicksSince, profileStamp, type RecentClick } from './reader-changes';

// The reader caches' mechanism moved to shared/caches.ts; re-exported for the modules that import it from here.
export { PROFILE_TTL_MS, StampedCache };

const HISTORY_LIMIT = 50;
const SEEN_LIMIT = 1000;
/**
 * "Not interested" stories ranking reads per reader (the latest), and feedback events kept per reader. Each muted
 * story costs one similarity per candidate per ranking (3,000 × muted dot products), so an unbounded list let
 * one reader burn the server's CPU; a real reader mutes a few dozen at most.
 */
export const MUTED_LIMIT = 100;
export const FEEDBACK_KEPT = 2 * MUTED_LIMIT;

/** A reader profile plus the titles of the articles in it ("because you read …" without another query). */
export interface LoadedProfile extends ReaderProfile {
  titles: ReadonlyMap<string, string>;
  /** Articles the reader opened (up to 1,000): the feed lists them below the unread ones, marked read. */
  read: ReadonlySet<string>;
  /** Sections the reader hid: left out of "For you" (their own tab still lists them). */
  hiddenSections: string[];
}

export { profileStamp, readerChanged, readerClicked, readerStamp } from './reader-changes';

interface CachedProfile {
  profile: LoadedProfile;
  /** How many of `clicksSince(reader)` it holds. */
  applied: number;
}

/**
 * Reader profiles by reader and encoder version, loaded once and reused until the reader changes
 * (`readerChanged`), the encoder version changes, or `PROFILE_TTL_MS` (LEDE_READER_CACHE_S) passes. A feed
 * request of an unchanged reader then runs no profile queries, and one of a reader who just clicked runs
 * none either: the click is added to the cached profile (`readerClicked`).
 */
export class ReaderProfileCache {
  /** A profile holds up to 50 history vectors (2 KB each at 512 dimensions): 1,000 bound the cache near 100 MB. */
  private profiles = new StampedCache<Promise<CachedProfile>>(1_000);

  constructor(
    private readonly db: Db,
    private readonly pool: CandidatePool,
  ) {}

  async get(readerId: string, encoderVersion: string | null): Promise<LoadedProfile> {
    const deps = [profileStamp(readerId), encoderVersion];
    const clicks = clicksSince(readerId);
    const cached = this.profiles.get(readerId, deps);
    // Clicks recorded before a load starts are committed, so the load reads them.
    const entry = cached ?? this.load(readerId, encoderVersion, deps, clicks.length);
    const { profile, applied } = await entry;
    if (applied >= clicks.length) return profile;
    const patched = addClicks(profile, clicks.slice(applied), this.pool);
    if (!patched) return (await this.load(readerId, encoderVersion, deps, clicks.length)).profile;
    this.profiles.replace(readerId, entry, Promise.resolve({ profile: patched, applied: clicks.length }));
    return patched;
  }

  private load(readerId: string, encoderVersion: string | null, deps: readonly unknown[], applied: number): Promise<CachedProfile> {
    const entry = loadReaderProfile(this.db, this.pool, readerId, encoderVersion).then((profile) => ({ profile, applied }));
    this.profiles.set(readerId, deps, entry);
    entry.catch(() => this.profiles.forget(readerId, entry));
    return entry;
  }
}

/**
 * The profile with `clicks` (oldest first) added as the loader would have read them; null when a clicked
 * article is not in the window (its category and title would need a query: reload instead).
 */
function addClicks(profile: LoadedProfile, clicks: readonly RecentClick[], pool: CandidatePool): LoadedProfile | null {
  let history = profile.history;
  const titles = new Map(profile.titles);
  const seen = new Set(profile.seen);
  const read = new Set(profile.read);
  for (const c of clicks) {
    const article = pool.get(c.articleId);
    if (!article) return null;
    // A click the load already read (it raced the load) or a re-click: the newest counts, once.
    const item: HistoryItem = {
      articleId: c.articleId,
      category: article.category,
      subcategory: article.subcategory,
      text: `${article.title} ${article.abstract}`,
      entities: article.entities ?? null,
      publishedAt: article.publishedAt,
      clickedAt: c.clickedAt,
      vector: article.vector ?? null,
    };
    history = [item, ...history.filter((h) => h.articleId !== c.articleId)].slice(0, HISTORY_LIMIT);
    titles.set(c.articleId, article.title);
    seen.add(c.articleId);
    read.add(c.articleId);
  }
  return { ...profile, history, titles, seen, read, shown: markClicked(profile.shown, read) };
}

/** The shown cards with those of `read` articles marked clicked (a click added to a cached profile). */
function markClicked(shown: readonly ShownItem[] | undefined, read: ReadonlySet<string>): ShownItem[] | undefined {
  return shown?.map((s) => (!s.clicked && read.has(s.articleId) ? { ...s, clicked: true } : s));
}

/** Everything ranking needs to know about one reader, from the click log and their onboarding interests. */
export async function loadReaderProfile(db: Db, pool: CandidatePool, readerId: string, encoderVersion: string | null): Promise<LoadedProfile> {
  const [user, clicks, feedback, impressions] = await Promise.all([
    db.user.findUnique({ where: { id: readerId }, select: { interests: true, hiddenSections: true } }),
    db.readerEvent.findMany({
      where: { userId: readerId, type: 'CLICK' },
      orderBy: { createdAt: 'desc' },
      take: SEEN_LIMIT,
      select: {
        articleId: true,
        createdAt: true,
        article: { select: { category: true, subcategory: true, title: true, abstract: true, publishedAt: true, entities: true } },
      },
    }),
    loadMuted(db, readerId),
    db.impression.findMany({ where: { userId: readerId }, orderBy: { createdAt: 'desc' }, take: SHOWN_LIMIT, select: { articleId: true } }),
  ]);

  const history: HistoryItem[] = [];
  const titles = new Map<string, string>();
  for (const c of clicks) {
    if (history.length >= HISTORY_LIMIT) break;
    if (titles.has(c.articleId)) continue;
    titles.set(c.articleId, c.article.title);
    const a = c.article;
    history.push({
      articleId: c.articleId,
      category: a.category,
      subcategory: a.subcategory,
      text: `${a.title} ${a.abstract}`,
      // The pool's set when the article is in the window (parsed once there), else read from the row.
      entities: pool.get(c.articleId)?.entities ?? readEntityIds(a.entities),
      publishedAt: a.publishedAt,
      clickedAt: c.createdAt,
      vector: pool.get(c.articleId)?.vector ?? null,
    });
  }

  const muted = feedback;
  const notInterested = [...muted].map(([articleId, category]) => ({ articleId, category, vector: pool.get(articleId)?.vector ?? null }));

  // History older than the pool window still shapes the user vector: fetch those vectors once.
  if (encoderVersion) {
    const missing = [...history, ...notInterested].filter((h) => !h.vector).map((h) => h.articleId);
    if (missing.length) {
      const rows = await db.articleVector.findMany({
        where: { encoderVersion, articleId: { in: missing } },
        select: { articleId: true, vector: true },
      });
      const byId = new Map(rows.map((r) => [r.articleId, bytesToVector(r.vector)]));
      for (const h of [...history, ...notInterested]) h.vector ??= byId.get(h.articleId) ?? null;
    }
  }

  const read = new Set(clicks.map((c) => c.articleId));
  // Cards shown, for the ranking model's skip features: those still in the window (category and vector at hand).
  const shown = impressions.flatMap(({ articleId }): ShownItem[] => {
    const a = pool.get(articleId);
    return a ? [{ articleId, category: a.category, clicked: read.has(articleId), vector: a.vector ?? null }] : [];
  });
  return {
    titles,
    interests: parseInterests(user?.interests),
    hiddenSections: parseInterests(user?.hiddenSections),
    read,
    shown,
    history,
    notInterested,
    seen: new Set([...clicks.map((c) => c.articleId), ...muted.keys()]),
  };
}

/**
 * The reader's muted stories (id → category), from their latest FEEDBACK_KEPT feedback events, at most
 * MUTED_LIMIT of them, the latest first kept. The last word wins: "not interested" then undo cancels out.
 */
export async function loadMuted(db: Db, readerId: string, since?: Date): Promise<Map<string, string>> {
  const feedback = await db.readerEvent.findMany({
    where: { userId: readerId, type: { in: ['NOT_INTERESTED', 'UNDO_NOT_INTERESTED'] }, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: FEEDBACK_KEPT,
    select: { articleId: true, type: true, article: { select: { category: true } } },
  });
  const muted = new Map<string, string>();
  for (const f of feedback.reverse()) {
    muted.delete(f.articleId);
    if (f.type === 'NOT_INTERESTED') muted.set(f.articleId, f.article.category);
  }
  return new Map([...muted].slice(-MUTED_LIMIT));
}

/** A JSON list of section names (User.interests, User.hiddenSections). */
export function parseInterests(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
