import { type Db } from '@lede/db';
import { featureLabels, rankCandidates, type FeatureContribution, type FeatureName, type RankingConfig, type ScoreComponents } from '@lede/ranking';

import { AppError } from '../../shared/errors';
import { buildReaderSearch } from './reader-list';
import type { CandidatePool } from '../../feed/pool/candidate-pool';
import { retrieveCandidates } from '../../feed/pool/retrieval';
import { BASELINE_VERSION, rankingConfigForVersion } from '../../model-versions/traffic-split';
import { loadReaderProfile, parseInterests } from '../../feed/profile/reader-profile';

/** Finds readers by a piece of their id, external id (`sim:12`) or email. */
export async function findReaders(db: Db, query: string, limit = 20) {
  if (!query.trim()) return [];
  const rows = await db.user.findMany({
    where: buildReaderSearch(query),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, email: true, externalId: true, role: true, isAnonymous: true, createdAt: true },
  });
  return rows;
}

/** Who a reader is, what they said they like, what they clicked (newest first) and per category. */
export async function getReaderOverview(db: Db, readerId: string, historyLimit = 50) {
  const user = await db.user.findUnique({
    where: { id: readerId },
    select: { id: true, email: true, externalId: true, role: true, isAnonymous: true, createdAt: true, lastVisitAt: true, interests: true },
  });
  if (!user) throw new AppError('NOT_FOUND', 'No such reader');
  const [clicks, byCategory, impressions] = await Promise.all([
    db.readerEvent.findMany({
      where: { userId: readerId, type: 'CLICK' },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: historyLimit,
      select: { createdAt: true, article: { select: { id: true, title: true, category: true } } },
    }),
    db.readerEvent.findMany({ where: { userId: readerId, type: 'CLICK' }, select: { article: { select: { category: true } } } }),
    db.impression.count({ where: { userId: readerId } }),
  ]);
  const counts = new Map<string, number>();
  for (const c of byCategory) counts.set(c.article.category, (counts.get(c.article.category) ?? 0) + 1);
  return {
    ...user,
    interests: parseInterests(user.interests),
    impressions,
    clicks: byCategory.length,
    history: clicks.map((c) => ({ clickedAt: c.createdAt, articleId: c.article.id, title: c.article.title, category: c.article.category })),
    categories: [...counts].map(([category, n]) => ({ category, clicks: n })).sort((a, b) => b.clicks - a.clicks || a.category.localeCompare(b.category)),
  };
}

export interface InspectorDeps {
  db: Db;
  pool: CandidatePool;
  encoderVersion: () => string | null;
  rankingConfig?: Partial<RankingConfig>;
}

export interface PreviewItem {
  articleId: string;
  title: string;
  category: string;
  publishedAt: Date;
  score: number;
  components: ScoreComponents;
  /** The ranking model's largest contributions, each with its feature in plain words. */
  contributions: (FeatureContribution & { label: string })[];
  because: { articleId: string; title: string; weight: number }[];
}

/**
 * The feed `readerId` would get now under `versionId`, with each item's score components and the history
 * items behind it. Read-only: unlike `listFeed` it logs no impressions and remembers no request, so
 * inspecting a reader does not change their metrics or their next feed.
 */
export async function previewReaderFeed(deps: InspectorDeps, readerId: string, versionId: string, { limit = 20, now = new Date() } = {}): Promise<PreviewItem[]> {
  if (!(await deps.db.user.findUnique({ where: { id: readerId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such reader');
  // The pool first: the profile takes its history vectors from it and the encoder version of its vectors (on a
  // process that had not loaded the pool yet, a profile read alongside had no vectors, so no semantic score).
  const [pool, versionConfig] = await Promise.all([deps.pool.prepared(), rankingConfigForVersion(deps.db, versionId)]);
  const loaded = await loadReaderProfile(deps.db, deps.pool, readerId, deps.encoderVersion());
  const profile = { ...loaded, categoryCentroids: deps.pool.centroids() };
  const config = { ...deps.rankingConfig, ...versionConfig, limit };
  const context = { now, hour: now.getHours(), category: null };
  // The same candidates the reader's feed would rank: what the inspector shows is what the reader gets.
  const candidates = retrieveCandidates(pool, profile, context, config, { hiddenSections: loaded.hiddenSections });
  const ranked = rankCandidates(profile, candidates, context, config);
  const becauseIds = [...new Set(ranked.flatMap((r) => r.because.map((b) => b.articleId)))];
  const titles = new Map((await deps.db.article.findMany({ where: { id: { in: becauseIds } }, select: { id: true, title: true } })).map((a) => [a.id, a.title]));
  return ranked.flatMap((r) => {
    const a = deps.pool.get(r.articleId);
    if (!a) return [];
    return [{
      articleId: a.id,
      title: a.title,
      category: a.category,
      publishedAt: a.publishedAt,
      score: r.score,
      components: r.components,
      // The largest eight: the rest are small and the preview shows them all at once.
      contributions: r.contributions.slice(0, 8).map((c) => ({ ...c, label: featureLabels[c.feature as FeatureName] ?? c.feature })),
      because: r.because.map((b) => ({ articleId: b.articleId, title: titles.get(b.articleId) ?? b.articleId, weight: b.weight })),
    }];
  });
}

/**
 * The feed the reader would get now under each of `versions` (the reader's own arm when none is named);
 * a version that does not exist is NOT_FOUND.
 */
export async function previewReaderFeeds(
  deps: InspectorDeps & { models: { versionFor(readerId: string): Promise<string> } },
  readerId: string,
  versions: string[],
  limit: number,
): Promise<{ version: string; items: PreviewItem[] }[]> {
  const named = versions.filter((v) => v !== BASELINE_VERSION);
  const known = new Set((await deps.db.modelVersion.findMany({ where: { id: { in: named } }, select: { id: true } })).map((v) => v.id));
  const unknown = named.filter((v) => !known.has(v));
  if (unknown.length) throw new AppError('NOT_FOUND', `No model version ${unknown.join(', ')}`);
  const chosen = versions.length ? versions : [await deps.models.versionFor(readerId)];
  return Promise.all(chosen.map(async (version) => ({ version, items: await previewReaderFeed(deps, readerId, version, { limit }) })));
}
