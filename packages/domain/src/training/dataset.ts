import { type Db } from '@lede/db';
import { bytesToVector, type CandidateArticle, type HistoryItem } from '@lede/ranking';
import { type ClickImpression } from '@lede/ranking/training';

import { readEntityIds } from '../shared/entity-ids';
import { DAY_MS } from '../shared/time';

const MAX_HISTORY = 50;
const CHUNK = 500;

/** One logged impression (a feed request) with what the reader had clicked before it and what they clicked in it. */
export interface LoggedImpression {
  requestId: string;
  userId: string;
  time: Date;
  /** Most recent first, at most 50, only articles with a vector. */
  history: HistoryItem[];
  candidates: { articleId: string; clicked: boolean }[];
}

export interface ArticleFacts {
  category: string;
  subcategory?: string | null;
  publishedAt: Date;
  vector: Float32Array | null;
  /** Title and abstract (the ranking model's keyword features). */
  text?: string;
  /** Named-entity ids (the ranking model's entity feature); null when the data has none. */
  entities?: ReadonlySet<string> | null;
}

export interface ClickData {
  impressions: LoggedImpression[];
  articles: Map<string, ArticleFacts>;
}

/**
 * Impressions logged in [from, to), each with the reader's earlier clicks (any time before it, not only inside
 * the window) and the vectors of the given encoder version. Works the same on imported MIND data (history
 * lines become clicks) and on the product's own logs.
 */
export async function loadClickData(db: Db, opts: { from?: Date; to: Date; encoderVersion: string }): Promise<ClickData> {
  const rows = await db.impression.findMany({
    where: { createdAt: { gte: opts.from ?? new Date(0), lt: opts.to } },
    select: { requestId: true, userId: true, articleId: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { position: 'asc' }],
  });
  const users = [...new Set(rows.map((r) => r.userId))];
  const clicks = [];
  for (let i = 0; i < users.length; i += CHUNK) {
    clicks.push(
      ...(await db.readerEvent.findMany({
        where: { type: 'CLICK', userId: { in: users.slice(i, i + CHUNK) }, createdAt: { lt: opts.to } },
        select: { userId: true, articleId: true, requestId: true, createdAt: true },
      })),
    );
  }
  clicks.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const articles = await loadArticleFacts(db, [...new Set([...rows.map((r) => r.articleId), ...clicks.map((c) => c.articleId)])], opts.encoderVersion);

  const clicksByUser = new Map<string, typeof clicks>();
  const clickedIn = new Map<string, Set<string>>();
  for (const c of clicks) {
    const list = clicksByUser.get(c.userId) ?? [];
    list.push(c);
    clicksByUser.set(c.userId, list);
    if (c.requestId) clickedIn.set(c.requestId, (clickedIn.get(c.requestId) ?? new Set()).add(c.articleId));
  }
  const byRequest = new Map<string, LoggedImpression>();
  for (const r of rows) {
    let imp = byRequest.get(r.requestId);
    if (!imp) {
      imp = { requestId: r.requestId, userId: r.userId, time: r.createdAt, history: historyBefore(clicksByUser.get(r.userId) ?? [], r.createdAt, r.requestId, articles), candidates: [] };
      byRequest.set(r.requestId, imp);
    }
    imp.candidates.push({ articleId: r.articleId, clicked: clickedIn.get(r.requestId)?.has(r.articleId) ?? false });
  }
  return { impressions: [...byRequest.values()], articles };
}

function historyBefore(
  clicks: { articleId: string; requestId: string | null; createdAt: Date }[],
  time: Date,
  requestId: string,
  articles: Map<string, ArticleFacts>,
): HistoryItem[] {
  const history: HistoryItem[] = [];
  const seen = new Set<string>();
  for (let i = clicks.length - 1; i >= 0 && history.length < MAX_HISTORY; i--) {
    const c = clicks[i]!;
    if (c.createdAt >= time || c.requestId === requestId || seen.has(c.articleId)) continue;
    const a = articles.get(c.articleId);
    if (!a?.vector) continue;
    seen.add(c.articleId);
    history.push({ articleId: c.articleId, category: a.category, clickedAt: c.createdAt, vector: a.vector });
  }
  return history;
}

async function loadArticleFacts(db: Db, ids: string[], encoderVersion: string): Promise<Map<string, ArticleFacts>> {
  const out = new Map<string, ArticleFacts>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.article.findMany({
      where: { id: { in: ids.slice(i, i + CHUNK) } },
      select: {
        id: true, category: true, subcategory: true, title: true, abstract: true, publishedAt: true, entities: true,
        vectors: { where: { encoderVersion }, select: { vector: true } },
      },
    });
    for (const r of rows) {
      out.set(r.id, {
        category: r.category,
        subcategory: r.subcategory,
        publishedAt: r.publishedAt,
        vector: r.vectors[0] ? bytesToVector(r.vectors[0].vector) : null,
        text: `${r.title} ${r.abstract}`,
        entities: readEntityIds(r.entities),
      });
    }
  }
  return out;
}

/** What the trainer needs: history vectors, clicked vectors, skipped vectors (and whose they are, for cross-fitting). */
export function toClickImpressions(data: ClickData): (ClickImpression & { reader: string })[] {
  const vectorOf = (id: string) => data.articles.get(id)?.vector ?? null;
  return data.impressions.flatMap((imp) => {
    const clicked = imp.candidates.filter((c) => c.clicked).flatMap((c) => vectorOf(c.articleId) ?? []);
    if (!clicked.length) return [];
    const skipped = imp.candidates.filter((c) => !c.clicked).flatMap((c) => vectorOf(c.articleId) ?? []);
    return [{ reader: imp.userId, history: imp.history.flatMap((h) => h.vector ?? []), clicked, skipped }];
  });
}

/** Clicks and impressions per article before `at`, decayed with a one-day half-life (the popularity baseline's input). */
export function fitPopularity(impressions: readonly LoggedImpression[], at: Date): Map<string, { clicks: number; impressions: number }> {
  const counts = new Map<string, { clicks: number; impressions: number }>();
  for (const imp of impressions) {
    if (imp.time >= at) continue;
    const w = 0.5 ** (Math.max(0, at.getTime() - imp.time.getTime()) / DAY_MS);
    for (const c of imp.candidates) {
      const n = counts.get(c.articleId) ?? { clicks: 0, impressions: 0 };
      n.impressions += w;
      if (c.clicked) n.clicks += w;
      counts.set(c.articleId, n);
    }
  }
  return counts;
}

/** Candidates as the ranking sees them, for offline evaluation. */
export function toCandidates(imp: LoggedImpression, data: ClickData, popularity: Map<string, { clicks: number; impressions: number }>): CandidateArticle[] {
  return imp.candidates.map(({ articleId }) => {
    const a = data.articles.get(articleId);
    return {
      id: articleId,
      category: a?.category ?? '',
      publishedAt: a?.publishedAt ?? imp.time,
      vector: a?.vector ?? null,
      popularity: popularity.get(articleId) ?? { clicks: 0, impressions: 0 },
      editorial: { pinnedUntil: null, boost: 1 },
    };
  });
}
